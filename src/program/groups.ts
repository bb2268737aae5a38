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
  description: 'alerts of a project: list, show, acknowledge; their configurations (alert config)',
  help: '\nExamples:\n  $ atlascli alert list --status OPEN\n  $ atlascli alert ack f0123456789abcdef012345f --until 8h\n  $ atlascli alert config list',
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

export const CUSTOM_ROLE_GROUP: GroupHeader = {
  name: 'custom-role',
  aliases: ['custom-roles'],
  description: "the project's custom database roles: privileges as ACTION@db[.collection], inherited roles",
  help: examples(
    'atlascli custom-role list',
    'atlascli custom-role create ordersReader --privilege FIND,LIST_COLLECTIONS@sales',
    'atlascli custom-role delete ordersReader --force',
  ),
};

export const STREAM_GROUP: GroupHeader = {
  name: 'stream',
  aliases: ['streams'],
  description: 'Atlas Stream Processing: workspaces (formerly instances), their connections and stream processors',
  help: examples('atlascli stream instance list', 'atlascli stream connection list sp-main', 'atlascli stream processor start sp-main solarDemo'),
};

export const PERFORMANCE_GROUP: GroupHeader = {
  name: 'performance',
  aliases: ['advisor'],
  description: 'the Performance Advisor of a process: slow query shapes, suggested indexes, namespaces',
  help: examples(
    'atlascli performance slow-queries atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 --since 6h',
    'atlascli performance suggested-indexes atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017',
  ),
};

export const TEAM_GROUP: GroupHeader = {
  name: 'team',
  aliases: ['teams'],
  description: "the organization's teams: their users, and (with `project teams`) their access to projects",
  help: examples(
    'atlascli team list',
    'atlascli team create dba --user ada.owner@example.com',
    'atlascli team users add dba rita.reader@example.com',
    'atlascli project teams add dba --role GROUP_READ_ONLY',
  ),
};

export const SEARCH_INDEX_GROUP: GroupHeader = {
  name: 'search-index',
  aliases: ['search-indexes'],
  description: 'Atlas Search and Vector Search indexes of a cluster: list, create from flags or a file, update, delete, --wait until READY',
  help: examples(
    'atlascli search-index list Cluster0',
    'atlascli search-index create Cluster0 --name vectors --db shop --collection products --type vectorSearch --field embedding:vector:1536:cosine --wait',
  ),
};

export const SERVICE_ACCOUNT_GROUP: GroupHeader = {
  name: 'service-account',
  aliases: ['service-accounts'],
  description: "the organization's service accounts (OAuth clients for scripts) and their secrets",
  help: examples(
    'atlascli service-account list',
    'atlascli service-account create --name ci-deploy --description "Deploys from CI" --role ORG_MEMBER',
    'atlascli service-account secret create mdb_sa_id_aa0123456789abcdef0123aa --expires-after 30d',
  ),
};

export const INVITATION_GROUP: GroupHeader = {
  name: 'invitation',
  aliases: ['invitations'],
  description: 'pending invitations to join the organization',
  help: examples('atlascli invitation list', 'atlascli invitation create jane@example.com --role ORG_MEMBER'),
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
