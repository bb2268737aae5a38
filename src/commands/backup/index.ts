import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, WAIT_HELP, withDryRun, withIfExists, withLimit, withWait, type Prints, type Runtime } from '../../program/action.js';
import { RESTORE_VIEW, SCHEDULE_VIEW, SNAPSHOT_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const SNAPSHOT: Prints = { operationId: ['getGroupClusterBackupSnapshot', 'takeGroupClusterBackupSnapshots'], view: SNAPSHOT_VIEW };
const RESTORE: Prints = { operationId: ['getGroupClusterBackupRestoreJob', 'createGroupClusterBackupRestoreJob'], view: RESTORE_VIEW };
const SCHEDULE: Prints = { operationId: 'getGroupClusterBackupSchedule', view: SCHEDULE_VIEW };

/** Repeatable options: every value given, in order. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const POLICY_HELP = `
--policy <frequency>:<interval>:<retention> (repeat it; the items given replace the
current items of their frequencies, the other frequencies stay; <frequency>:none drops them):
  frequency  hourly, daily, weekly, monthly or yearly
  interval   hourly: every 1, 2, 4, 6, 8 or 12 hours; daily: 1;
             weekly: 1 (Monday) … 7 (Sunday) or mon … sun;
             monthly: day 1 … 28, or 40 / last for the last day; yearly: month 1 … 12
  retention  a number and a unit: d (days), w (weeks), m (months), y (years);
             less frequent items keep snapshots at least as long as more frequent ones`;

/** The subcommands of `backup`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerBackup(backup: Command, rt: Runtime): void {
  // ---- snapshots
  const snapshot = backup.command('snapshot').description('cloud backup snapshots of a cluster').addHelpText('after', examples('atlascli backup snapshot create Cluster0 --wait'));
  withLimit(snapshot.command('list <cluster>').description('list the snapshots of a cluster, newest first'))
    .addHelpText('after', examples('atlascli backup snapshot list Cluster0', 'atlascli backup snapshot list Cluster0 -o json --limit 5'))
    .action(lazy(rt, run('snapshotList'), { operationId: 'listGroupClusterBackupSnapshots', view: SNAPSHOT_VIEW }));
  snapshot
    .command('get <cluster> <snapshotId>')
    .description('one snapshot')
    .addHelpText('after', examples('atlascli backup snapshot get Cluster0 ba0000000000000000000002'))
    .action(lazy(rt, run('snapshotGet'), SNAPSHOT));
  withDryRun(
    withWait(
      snapshot
        .command('create <cluster>')
        .description('take an on-demand snapshot (M10 and larger clusters with cloud backup on)')
        .option('--description <text>', 'what the snapshot is for')
        .option('--retention-days <n>', 'keep it this many days, 1 to 3650 (Atlas default: 1)'),
      'the snapshot is completed (queued → inProgress → completed), then print it',
    ),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli backup snapshot create Cluster0 --wait --wait-timeout 900',
        'atlascli backup snapshot create Cluster0 --description "before the migration" --retention-days 7',
      ),
    )
    .action(lazy(rt, run('snapshotCreate'), SNAPSHOT));
  withIfExists(withDryRun(snapshot.command('delete <cluster> <snapshotId>').description('delete a snapshot (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli backup snapshot delete Cluster0 ba0000000000000000000003 --force'))
    .action(lazy(rt, run('snapshotDelete'), { fields: ['deleted', 'id', 'cluster'] }));

  snapshot
    .command('watch <cluster> <snapshotId>')
    .description('wait until a snapshot is completed (or failed), showing its state')
    .option('--wait-timeout <seconds>', 'give up after this long (default 1800)')
    .addHelpText('after', WAIT_HELP)
    .addHelpText(
      'after',
      examples('atlascli backup snapshot watch Cluster0 ba0000000000000000000002', 'atlascli backup snapshot watch Cluster0 ba0000000000000000000002 --wait-timeout 900 -o json'),
    )
    .action(lazy(rt, run('snapshotWatch'), SNAPSHOT));
  withDryRun(
    snapshot
      .command('download <cluster> <snapshotId>')
      .description('download a snapshot as a .tar.gz: makes a download restore job, waits for its link, saves the archive')
      .option('--out <file>', 'the file to write (- for stdout, not a terminal); an existing one only with --force')
      .option('--wait-timeout <seconds>', 'give up waiting for the link after this long (default 1800)'),
  )
    .addHelpText(
      'after',
      `\nThe archive is streamed into a temporary file beside --out and renamed into place once
its gzip data has been read whole; a failure or Ctrl-C leaves no file behind (the restore
job stays in Atlas until its link expires). Progress on stderr on a terminal.${examples(
        'atlascli backup snapshot download Cluster0 ba0000000000000000000002 --out cluster0.tar.gz',
        'atlascli backup snapshot download Cluster0 ba0000000000000000000002 --out cluster0.tar.gz --force',
        'atlascli backup snapshot download Cluster0 ba0000000000000000000002 --out - | tar -xzf -',
      )}`,
    )
    .action(lazy(rt, run('snapshotDownload'), { fields: ['cluster', 'snapshotId', 'restoreJobId', 'path', 'bytes'] }));

  // ---- restore jobs
  const restore = backup
    .command('restore')
    .description('restore jobs: snapshots restored onto a cluster, or made downloadable')
    .addHelpText('after', examples('atlascli backup restore list Cluster0'));
  withLimit(restore.command('list <cluster>').description('list the restore jobs of a cluster, newest first'))
    .addHelpText('after', examples('atlascli backup restore list Cluster0'))
    .action(lazy(rt, run('restoreList'), { operationId: 'listGroupClusterBackupRestoreJobs', view: RESTORE_VIEW }));
  restore
    .command('get <cluster> <jobId>')
    .description('one restore job (status: inProgress, ready, finished, failed, cancelled or expired)')
    .addHelpText('after', examples('atlascli backup restore get Cluster0 ba0000000000000000000101'))
    .action(lazy(rt, run('restoreGet'), RESTORE));
  withDryRun(
    withWait(
      restore
        .command('create <cluster>')
        .description('restore a snapshot of <cluster>: onto a cluster (automated), to a point in time (pointInTime), or as a download')
        .option('--type <type>', 'automated, download or pointInTime')
        .option('--snapshot <id>', 'the snapshot to restore (automated and download)')
        .option('--target-cluster <name>', 'the cluster to restore onto (automated and pointInTime); its data is replaced')
        .option('--target-project <id>', 'the project of --target-cluster (default: the current project)')
        .option('--point-in-time <date>', 'pointInTime: restore to this moment (ISO 8601 or 2h ago; sent in epoch seconds)')
        .option('--oplog-ts <seconds>', 'pointInTime: restore to this oplog timestamp (epoch seconds) …')
        .option('--oplog-inc <n>', '… and this increment within it'),
      'the job finishes, fails or is cancelled; a download prints its delivery URL(s) on stdout once ready',
    ),
  )
    .addHelpText(
      'after',
      `\nRestoring onto <cluster> itself needs --force.${examples(
        'atlascli backup restore create Cluster0 --type automated --snapshot ba0000000000000000000002 --target-cluster BetaCluster --target-project b4123456789abcdef012345b',
        'atlascli backup restore create Cluster0 --type download --snapshot ba0000000000000000000002 --wait > urls.txt',
        'atlascli backup restore create Cluster0 --type pointInTime --point-in-time 2026-11-01T10:00:00Z --target-cluster Cluster1',
        'atlascli backup restore create Cluster0 --type pointInTime --oplog-ts 1793527200 --oplog-inc 1 --target-cluster Cluster1 --wait',
      )}`,
    )
    .action(lazy(rt, run('restoreCreate'), RESTORE));
  withDryRun(restore.command('cancel <cluster> <jobId>').description('cancel a restore job (asks first; --force in scripts)'))
    .addHelpText(
      'after',
      examples(
        'ID=$(atlascli backup restore create Cluster0 --type download --snapshot ba0000000000000000000002 --fields id -o value)',
        'atlascli backup restore cancel Cluster0 "$ID" --force',
      ),
    )
    .action(lazy(rt, run('restoreCancel'), { fields: ['cancelled', 'id', 'cluster'] }));

  // ---- schedule
  const schedule = backup
    .command('schedule')
    .description('the backup policy of a cluster: when snapshots are taken and how long they are kept')
    .addHelpText('after', examples('atlascli backup schedule set Cluster0 --policy daily:1:14d'));
  schedule
    .command('get <cluster>')
    .description('show the reference time, the restore window and the policy items')
    .addHelpText('after', examples('atlascli backup schedule get Cluster0', 'atlascli backup schedule get Cluster0 -o json'))
    .action(lazy(rt, run('scheduleGet'), SCHEDULE));
  withDryRun(
    schedule
      .command('set <cluster>')
      .description('change the backup policy: sends only what differs')
      .option('--reference-hour <h>', 'hour of the day (UTC, 0-23) snapshots are taken')
      .option('--reference-minute <m>', 'minute of that hour (0-59)')
      .option('--restore-window-days <n>', 'days a continuous-backup restore can go back')
      .option('--policy <item>', 'a policy item such as daily:1:7d; repeat it, or separate items with commas (see below)', collect),
  )
    .addHelpText(
      'after',
      `${POLICY_HELP}${examples(
        'atlascli backup schedule set Cluster0 --reference-hour 2 --reference-minute 30',
        'atlascli backup schedule set Cluster0 --policy hourly:6:2d --policy daily:1:7d --policy weekly:sat:4w --policy monthly:last:12m',
        'atlascli backup schedule set Cluster0 --policy yearly:none',
      )}`,
    )
    .action(lazy(rt, run('scheduleSet'), SCHEDULE));
}
