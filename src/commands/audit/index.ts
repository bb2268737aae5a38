import type { Command } from '@commander-js/extra-typings';
import { lazy, type Runtime } from '../../program/action.js';
import { CHECKS } from './checks.js';
import { FINDING_VIEW } from './run.js';

/** `audit`: its options and help (the header is in ../../program/groups.ts). */
export function registerAudit(audit: Command, rt: Runtime): void {
  const table = CHECKS.map((c) => `  ${c.id.padEnd(14)} ${c.severity.padEnd(8)} ${c.what}`).join('\n');
  audit
    .option('--all-projects', 'every project the credentials reach (with --org: that organization\'s)')
    .option('--check <id>', 'run only this check (repeatable, or comma-separated)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity: warning or error (default error)')
    .addHelpText('after', `\nChecks (id, severity, what it finds):\n${table}`)
    .addHelpText('after', '\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it (all are printed first), 2 bad input.')
    .addHelpText('after', "\nExamples:\n  $ atlascli audit\n  $ atlascli audit --all-projects --fail-on warning -o json\n  $ atlascli audit --all-projects --check open-access --check unprotected")
    .action(lazy(rt, async () => (await import('./run.js')).audit, { view: FINDING_VIEW }));
}
