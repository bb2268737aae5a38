/**
 * Help: every command has a description and an example; group help lists subcommands
 * before the global options; `help environment` and `help exit-codes` print the tables
 * the code uses; the aliases users of the official CLI type are there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/program/cli.js';
import { ENVIRONMENT, environmentNames } from '../../src/environment.js';
import { EXIT, EXIT_CODES } from '../../src/errors.js';
import { SETTINGS } from '../../src/settings/definitions.js';
import { runCli } from '../helpers/cli.js';

/** The command tree, built in-process, with help written to a string. */
async function program(): Promise<{ root: Command; help: (cmd: Command) => string }> {
  let out = '';
  const stdout = Object.assign(new PassThrough(), { write: (s: string) => ((out += s), true) });
  const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
  const root = await buildProgram({ io: io as never, version: '0.0.0' });
  return {
    root,
    help: (cmd) => {
      out = '';
      cmd.outputHelp();
      return out;
    },
  };
}

function walk(cmd: Command, path: string[] = []): Array<{ cmd: Command; path: string }> {
  return cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => [{ cmd: c, path: [...path, c.name()].join(' ') }, ...walk(c, [...path, c.name()])]);
}

describe('every command', async () => {
  const { root, help } = await program();
  const all = walk(root);

  it('walks the whole tree', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it.each(all.map((c) => [c.path, c.cmd] as const))('%s has a description and an example', (_path, cmd) => {
    expect(cmd.description().trim()).not.toBe('');
    const text = help(cmd);
    // an Examples: section whose lines are commands to paste, at least one of them atlascli's own
    const examples = text.match(/\nExamples:\n((?: {2}\$ .*\n?)+)/);
    expect(examples, text).not.toBeNull();
    expect(examples![1]).toMatch(/^ {2}\$ atlascli /m);
  });

  it("the CLI, which adds a group's subcommands only when the line goes into it, prints the same help for every command, and for the root", async () => {
    const run = async (argv: string[]) => {
      let out = '';
      const stdout = Object.assign(new PassThrough(), { write: (s: string) => ((out += s), true) });
      const code = await main(argv, { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} } as never);
      return { code, out };
    };
    expect(await run(['--help'])).toEqual({ code: 0, out: help(root) });
    for (const { cmd, path } of all.filter((c) => !c.path.startsWith('api '))) {
      expect(await run([...path.split(' '), '--help']), path).toEqual({ code: 0, out: help(cmd) });
    }
    // the help command looks into groups too
    expect((await run(['help', 'cluster', 'create'])).out).toBe(help(all.find((c) => c.path === 'cluster create')!.cmd));
  });

  it('fits 80 columns: command lists and paragraphs wrap; only examples (commands to paste) and single long words may not', async () => {
    const wide: string[] = [];
    for (const argv of [['--help'], ...all.map((c) => [...c.path.split(' '), '--help'])]) {
      let out = '';
      const stdout = Object.assign(new PassThrough(), { write: (s: string) => ((out += s), true) });
      await main(argv, { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} } as never);
      for (const line of out.split('\n')) {
        if (line.length <= 80 || line.startsWith('  $ ')) continue;
        // a two-column row whose description is one word longer than the room left (project settings names)
        if (/^ {2}\S.*\S {2,}\S+$/.test(line)) continue;
        wide.push(`${argv.join(' ')}: ${line}`);
      }
    }
    expect(wide).toEqual([]);
  });

  it('lists the subcommands of a group before its options and the global options', () => {
    for (const { cmd, path } of all.filter((c) => c.cmd.commands.length > 0)) {
      const text = help(cmd);
      const commands = text.indexOf('\nCommands:\n');
      const options = text.indexOf('\nOptions:\n');
      const globals = text.indexOf('\nGlobal Options:\n');
      expect(commands, path).toBeGreaterThan(0);
      expect(options, path).toBeGreaterThan(commands);
      expect(globals, path).toBeGreaterThan(options);
    }
    const rootHelp = help(root);
    expect(rootHelp.indexOf('\nCommands:\n')).toBeLessThan(rootHelp.indexOf('\nOptions:\n'));
  });
});

describe('aliases the official CLI users type', async () => {
  const { root } = await program();
  const all = walk(root);
  const find = (path: string) => all.find((c) => c.path === path)!.cmd;

  it('clusters, projects', () => {
    expect(find('cluster').aliases()).toContain('clusters');
    expect(find('project').aliases()).toContain('projects');
  });

  it('ls, describe, rm on every list, get and delete (unless a sibling has that name)', () => {
    const verbs: Record<string, string> = { list: 'ls', get: 'describe', delete: 'rm' };
    const checked: string[] = [];
    for (const { cmd, path } of all) {
      const alias = verbs[cmd.name()];
      if (!alias) continue;
      const siblings = cmd.parent!.commands.filter((c) => c !== cmd);
      if (siblings.some((c) => c.name() === alias)) continue; // `config describe` is a command of its own
      expect(cmd.aliases(), path).toContain(alias);
      checked.push(path);
    }
    expect(checked).toEqual(expect.arrayContaining(['cluster list', 'cluster get', 'cluster delete', 'backup snapshot delete', 'project get']));
  });

  it('run the command they stand for, and show in help', async () => {
    const r = await runCli(['clusters', 'ls', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: atlascli cluster list\|ls/);
    const group = await runCli(['projects', '--help']);
    expect(group.stdout).toMatch(/^ {2}get\|describe /m);
    expect(group.stdout).toMatch(/^ {2}delete\|rm /m);
    const root = await runCli(['--help']);
    expect(root.stdout).toMatch(/^ {2}cluster\|clusters /m);
  });
});

describe('help topics', () => {
  it("help environment lists every variable of the one table, the settings' among them", async () => {
    const r = await runCli(['help', 'environment']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of environmentNames()) expect(r.stdout).toMatch(new RegExp(`(^|[ ,])${name}([ ,]|$)`, 'm'));
    for (const s of SETTINGS) for (const name of s.env) expect(environmentNames()).toContain(name);
    for (const v of ENVIRONMENT) expect(r.stdout).toContain(v.description);
    expect(r.stdout).toMatch(/^ {2}ATLAS_PUBLIC_KEY, MONGODB_ATLAS_PUBLIC_API_KEY +API public key \(--public-key/m);
  });

  it('every environment variable the code reads is in the table', () => {
    const read = new Set<string>();
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? (f === 'simulator' ? [] : files(p)) : p.endsWith('.ts') ? [p] : [];
      });
    for (const file of files(fileURLToPath(new URL('../../src', import.meta.url)))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)) if (/^([A-Z][A-Z0-9_]*|[a-z]+_proxy)$/.test(m[1]!)) read.add(m[1]!);
      for (const m of text.matchAll(/\benv\[['"]([A-Za-z_][A-Za-z0-9_]*)['"]\]/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) expect(environmentNames(), name).toContain(name);
  });

  it('help exit-codes lists the codes of the table the code uses; the root help sums them up', async () => {
    const r = await runCli(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    // one row a code, its meaning wrapped to 80 columns under the meaning column
    const rows = r.stdout.replace(/\n {8}(?=\S)/g, ' ');
    for (const e of EXIT_CODES) expect(rows).toContain(`\n  ${String(e.code).padEnd(3)}   ${e.meaning}\n`);
    for (const line of r.stdout.split('\n')) if (!line.startsWith('  $ ')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(EXIT_CODES.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 127, 129, 130, 143]);
    expect(EXIT.usage).toBe(2);
    const root = await runCli(['--help']);
    // the summary, wrapped to 80 columns
    expect(/Exit codes: ([^]*?\.)\n/.exec(root.stdout)![1]!.replace(/\s+/g, ' ')).toBe(`${EXIT_CODES.map((e) => `${e.code} ${e.short}`).join(', ')}.`);
    expect(root.stdout).toMatch(/atlascli help exit-codes/);
  });

  it("help <command...> prints that command's help; an unknown one exits 2 in one line", async () => {
    const viaHelp = await runCli(['help', 'backup', 'snapshot', 'list']);
    const viaFlag = await runCli(['backup', 'snapshot', 'list', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
    const bad = await runCli(['help', 'cluster', 'nosuch']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^atlascli: no help on "cluster nosuch" \(hint: try one of: list, get, .*\)\n$/);
  });
});
