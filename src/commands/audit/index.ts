import type { Command } from '@commander-js/extra-typings';
import { lazy, type Runtime } from '../../program/action.js';
import { AUDIT_GROUP } from '../../program/groups.js';
import { CATALOG } from './catalog.js';

const WIDTH = 80;
const INDENT = 27;

/** `  id             severity what…`, the description wrapped to 80 columns under itself. */
function checkLines(): string {
  return CATALOG.map((c) => {
    const words = c.what.split(' ');
    const lines: string[] = [];
    let line = `  ${c.id.padEnd(15)} ${c.severity.padEnd(8)}`;
    for (const w of words) {
      if (line.length + 1 + w.length > WIDTH && line.trim().length > 0 && line.length > INDENT) {
        lines.push(line);
        line = ' '.repeat(INDENT - 1);
      }
      line += ` ${w}`;
    }
    lines.push(line);
    return lines.join('\n');
  }).join('\n');
}

const FINDINGS = {
  columns: ['project', 'resource', 'check', 'severity', 'detail'].map((h) => ({ header: h, value: h === 'project' ? 'projectName' : h })),
};

/**
 * `audit`, defined with the root (its options show in the root's help whether or not it is
 * used); the checks run from ./run.js, loaded only when it runs. Header: ../../program/groups.ts.
 */
export function registerAudit(program: Command, rt: Runtime): void {
  program
    .command(AUDIT_GROUP.name)
    .description(AUDIT_GROUP.description)
    .option('--all-projects', "every project the credentials reach (with --org: that organization's)")
    .option('--check <id>', 'run only this check (repeatable, or comma-separated)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity: warning or error (default error)')
    .addHelpText('after', `\nChecks (id, severity, what it finds):\n${checkLines()}`)
    .addHelpText('after', '\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it (all are printed first), 2 bad input.')
    .addHelpText('after', AUDIT_GROUP.help)
    .action(lazy(rt, async () => (await import('./run.js')).audit, { view: FINDINGS }));
}
