/**
 * The command groups' own commands (name, aliases, description, examples), in the order
 * `--help` lists them. src/program/cli.ts adds them to the root and loads a group's module (its
 * subcommands) only when the command line goes into it: `--help` loads none.
 */
import { examples, type GroupHeader } from './action.js';

export const CLUSTER_GROUP: GroupHeader = {
  name: 'cluster',
  aliases: ['clusters'],
  description: 'clusters of a project',
  help: '\nExamples:\n  $ atlascli cluster list\n  $ atlascli cluster create demo --tier M10 --wait\n  $ atlascli cluster watch demo\n  $ atlascli cluster connection-string demo',
};

export const PROJECT_GROUP: GroupHeader = {
  name: 'project',
  aliases: ['projects'],
  description: 'projects (Atlas groups)',
  help: '\nExamples:\n  $ atlascli project list\n  $ atlascli project create staging --org a0123456789abcdef012345a\n  $ atlascli project get --name staging -o json',
};

export const ORG_GROUP: GroupHeader = {
  name: 'org',
  aliases: ['orgs'],
  description: 'organizations',
  help: '\nExamples:\n  $ atlascli org list\n  $ atlascli org projects a0123456789abcdef012345a\n  $ atlascli org api-keys list',
};

export const USER_GROUP: GroupHeader = {
  name: 'user',
  aliases: ['users'],
  description: 'database users of a project (who may connect to its clusters)',
  help: '\nExamples:\n  $ atlascli user list\n  $ atlascli user create app --role readWrite@sales --generate-password\n  $ atlascli user delete app --force',
};

export const WHITELIST_GROUP: GroupHeader = {
  name: 'whitelist',
  aliases: ['access-list'],
  description: "the project's IP access list: the addresses that may connect to its clusters",
  help: '\nExamples:\n  $ atlascli whitelist list\n  $ atlascli access-list add --current-ip --ttl 8h\n  $ atlascli whitelist exec --current-ip -- ./migrate.sh',
};

export const LOGS_GROUP: GroupHeader = {
  name: 'logs',
  aliases: [],
  description: 'download and read the MongoDB logs of hosts and clusters',
  help: '\nExamples:\n  $ atlascli logs cluster Cluster0 --out-dir ./logs --start 6h\n  $ atlascli logs show atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --severity W',
};

export const METRICS_GROUP: GroupHeader = {
  name: 'metrics',
  aliases: [],
  description: 'measurements of processes, databases and disks',
  help: '\nExamples:\n  $ atlascli metrics cluster Cluster0 --metric CONNECTIONS --start 2h\n  $ atlascli metrics process atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 --period P1D',
};

export const BACKUP_GROUP: GroupHeader = {
  name: 'backup',
  aliases: [],
  description: 'cloud backups of dedicated clusters: snapshots, restore jobs, the backup policy',
  help: examples('atlascli backup snapshot list Cluster0', 'atlascli backup schedule get Cluster0'),
};

export const PROCESS_GROUP: GroupHeader = {
  name: 'process',
  aliases: ['processes'],
  description: 'MongoDB processes (mongod, mongos, config servers) of the project',
  help: '\nExamples:\n  $ atlascli process list\n  $ atlascli process list --cluster Cluster0 --type primary',
};

export const ALERT_GROUP: GroupHeader = {
  name: 'alert',
  aliases: ['alerts'],
  description: 'alerts of a project: list, show, acknowledge',
  help: '\nExamples:\n  $ atlascli alert list --status OPEN\n  $ atlascli alert ack 5efdb5dd5b306e51e2e9b05b --until 8h',
};

export const EVENT_GROUP: GroupHeader = {
  name: 'event',
  aliases: ['events'],
  description: 'the activity feed: events of a project or (with --org) an organization',
  help: '\nExamples:\n  $ atlascli event list --since 1d\n  $ atlascli event list --org a0123456789abcdef012345a --limit 20',
};

export const MAINTENANCE_GROUP: GroupHeader = {
  name: 'maintenance',
  aliases: [],
  description: 'the maintenance window of a project',
  help: '\nExamples:\n  $ atlascli maintenance get\n  $ atlascli maintenance set --day SUNDAY --hour 3',
};

export const AUDIT_GROUP: GroupHeader = {
  name: 'audit',
  aliases: [],
  description: 'find risky settings across projects: open access lists, admin users, unprotected prod clusters… (exit 1 for CI)',
  help: examples('atlascli audit', 'atlascli audit --all-projects --fail-on warning -o json', 'atlascli audit --all-projects --check open-access --check unprotected'),
};

export const AUTH_GROUP: GroupHeader = {
  name: 'auth',
  aliases: [],
  description: 'the credentials in use: prove them (whoami), print a service account token',
  help: examples('atlascli auth whoami', 'atlascli auth whoami --projects -o json', 'atlascli auth token'),
};

export const CONFIG_GROUP: GroupHeader = {
  name: 'config',
  aliases: [],
  description: 'profiles and settings in the config file (flag > environment > profile > default)',
  help: examples('atlascli config init', 'atlascli config describe', 'atlascli config set output json'),
};

export const CLOUD_ACCESS_GROUP: GroupHeader = {
  name: 'cloud-access',
  aliases: [],
  description: 'cloud provider access roles: the AWS IAM roles Atlas assumes (encryption at rest, data federation, log export)',
  help: examples(
    'atlascli cloud-access create --provider AWS',
    'atlascli cloud-access authorize <roleId> --iam-role-arn arn:aws:iam::123456789012:role/atlas-access',
    'atlascli cloud-access list',
  ),
};

export const PRIVATE_ENDPOINT_GROUP: GroupHeader = {
  name: 'private-endpoint',
  aliases: ['private-endpoints'],
  description: 'private endpoint services (AWS PrivateLink, Azure Private Link, GCP Private Service Connect) and their interface endpoints',
  help: examples(
    'atlascli private-endpoint create --provider AWS --region US_EAST_1 --wait',
    'atlascli private-endpoint interface create <serviceId> vpce-0a1b2c3d4e5f67890 --provider AWS --wait',
    'atlascli private-endpoint list',
  ),
};

export const NETWORK_GROUP: GroupHeader = {
  name: 'network',
  aliases: [],
  description: 'network peering: the Atlas CIDR blocks of the project (containers) and peering connections to your VPCs and VNets',
  help: examples(
    'atlascli network container create --provider AWS --region US_EAST_1 --cidr 10.8.0.0/21',
    'atlascli network peering create --container <id> --aws-account 123456789012 --vpc vpc-0a1b2c3d4e5f67890 --route-table-cidr 10.0.0.0/16 --wait',
    'atlascli network peering list',
  ),
};
