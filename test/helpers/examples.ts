// The help examples of the command tree, as `atlascli <command> --help` prints them: for the
// tests that run them against the simulator as written.
import { PassThrough } from 'node:stream';
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { buildProgram } from '../../src/program/cli.js';

export interface ExampleLine {
  /** the command whose help shows it, e.g. "backup snapshot download" */
  path: string;
  /** the example as printed, without its `$ `, e.g. "atlascli backup snapshot list Cluster0" */
  line: string;
}

function walk(cmd: Command, path: string[] = []): Array<{ cmd: Command; path: string }> {
  return cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => [{ cmd: c, path: [...path, c.name()].join(' ') }, ...walk(c, [...path, c.name()])]);
}

/** The words of an example line as a shell splits them (quotes only). */
export function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * Every example line of the commands under `groups` (a command path, or its first words:
 * "logs project" takes that command and those under it), in the order help prints them.
 */
export async function exampleLines(groups: string[]): Promise<ExampleLine[]> {
  let out = '';
  const stdout = Object.assign(new PassThrough(), { write: (s: string) => ((out += s), true) });
  const root = await buildProgram({ io: { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} } as never, version: '0.0.0' });
  const lines: ExampleLine[] = [];
  for (const { cmd, path } of walk(root)) {
    if (!groups.some((g) => path === g || path.startsWith(`${g} `))) continue;
    out = '';
    cmd.outputHelp();
    const ex = /\nExamples:\n((?: {2}\$ .*\n?)+)/.exec(out);
    for (const l of ex?.[1]!.split('\n').filter(Boolean) ?? []) lines.push({ path, line: l.replace(/^ {2}\$ /, '') });
  }
  return lines;
}
