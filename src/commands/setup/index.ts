import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, type Runtime } from '../../program/action.js';

/**
 * `atlascli setup`: a single command (no group), registered whole from the GROUPS table
 * of src/program/cli.ts. `--project` and `--org` are the global options (an id or a name).
 */
export function registerSetup(program: Command, rt: Runtime): void {
  withDryRun(
    program
      .command('setup')
      .description('reuse or create a project, a cluster, a database user and access-list entries by name, in one command that never prompts')
      .option('--cluster <name>', 'the cluster to reuse or create (default Cluster0)')
      .option('--tier <tier>', 'the tier of a new cluster: M0 (free, the default), FLEX, M10…')
      .option('--provider <cloud>', 'the cloud of a new cluster: AWS (default), GCP or AZURE')
      .option('--region <region>', 'the region of a new cluster (default: the first for the cloud, US_EAST_1 on AWS)')
      .option('--user <name>', 'the database user to reuse or create, authenticating on admin (default app)')
      .option('--role <role@db>', 'a role of a new user (repeatable; default readWriteAnyDatabase@admin)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--current-ip', "allow this machine's public address (the default when --access is not given)")
      .option('--access <ip-or-cidr...>', 'allow these addresses or CIDR blocks instead of the current address')
      .option('--ttl <duration>', 'a new user and new entries expire after this long (at most 7d); default: they stay')
      .option('--wait', 'wait until the cluster is IDLE (the user applied) and the entries ACTIVE')
      .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)'),
  )
    .addHelpText(
      'after',
      '\nThe project is --project (a name, or an id; created in --org when there is no project of that name).' +
        '\nWhat exists is reused as it is (an existing user keeps its password); what does not is created. A generated password' +
        '\nis printed once (`password` in -o json); the connection string carries no password.' +
        examples(
          'atlascli setup --project "ci-$GITHUB_RUN_ID" --org my-org --tier M0 --current-ip --ttl 2h --wait -o json',
          'atlascli setup --project staging --cluster demo --tier M10 --provider AWS --region US_EAST_1 --dry-run',
        ),
    )
    .action(lazy(rt, async () => (await import('./run.js')).setup));
}
