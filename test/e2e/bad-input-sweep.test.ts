/**
 * Bad input, before sending, swept over the whole command tree (the tree help and
 * completion walk): every option that takes a value and every argument refuses an empty
 * value and a control character, and every value that is a cluster name refuses one
 * Atlas would refuse, each with exit 2, nothing on stdout, one line on stderr and no
 * request reaching the simulator. The CLI runs in-process (`main`), a few hundred times;
 * test/e2e/bad-input.test.ts runs the built binary for the instances the issue names.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Argument, CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/program/cli.js';
import { valueKind, type ValueKind } from '../../src/args/checks.js';
import { simEnv } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0 }, { reset: false });

/** Runs `atlascli <argv>` in-process against the simulator. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { write: (s: string) => ((stdout += s), true) });
  const err = Object.assign(new PassThrough(), { write: (s: string) => ((stderr += s), true) });
  const env = { ...simEnv(sim), XDG_CONFIG_HOME: configHome };
  const code = await main(argv, { stdout: out, stderr: err, stdin: new PassThrough(), env } as never);
  return { code, stdout, stderr };
}
const configHome = mkdtempSync(join(tmpdir(), 'atlascli-sweep-'));

interface Leaf {
  path: string;
  cmd: Command;
}

function leaves(cmd: Command, path: string[] = []): Leaf[] {
  return cmd.commands.flatMap((c) => {
    const p = [...path, c.name()];
    return c.commands.length ? leaves(c, p) : [{ path: p.join(' '), cmd: c }];
  });
}

const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
const root = await buildProgram({ io: io as never, version: '0.0.0' });
const all = leaves(root);
const takesValue = (o: Option) => o.required || o.optional;

/** A valid value for an argument of a kind, so that only the value under test is wrong. */
const SAMPLE: Record<ValueKind, string> = {
  text: 'x',
  cluster: 'Cluster0',
  clusters: 'Cluster0',
  scope: 'cluster:Cluster0',
  processId: 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017',
  hostname: 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net',
  objectId: '0123456789abcdef01234567',
  username: 'app-user',
  namespace: 'sample_mflix.movies',
  atlasUsername: 'ada.owner@example.com',
  orgRole: 'ORG_MEMBER',
  groupRole: 'GROUP_READ_ONLY',
  clientId: 'mdb_sa_id_0123456789abcdef01234567',
  email: 'jane@example.com',
  passthrough: 'x',
};

function argsOf(leaf: Leaf, replace?: { index: number; value: string }): string[] {
  return leaf.cmd.registeredArguments.flatMap((a: Argument, i) => {
    if (replace && i === replace.index) return [replace.value];
    if (!a.required) return [];
    return [SAMPLE[valueKind(leaf.path, a.name())]];
  });
}

/** Every option that takes a value, once: the root's, then each command's own (a group's options are parsed by the group). */
const options: Array<{ path: string; at: string[]; option: Option }> = [
  ...root.options.filter(takesValue).map((option) => ({ path: '', at: [] as string[], option })),
  ...all.flatMap((leaf) => leaf.cmd.options.filter(takesValue).map((option) => ({ path: leaf.path, at: [...leaf.path.split(' '), ...argsOf(leaf)], option }))),
  ...walkGroups(root).flatMap((g) => g.cmd.options.filter(takesValue).map((option) => ({ path: g.path, at: g.path.split(' '), option }))),
];
/** Every argument of every command, with the command line that holds it. */
const argumentsOf = all.flatMap((leaf) => leaf.cmd.registeredArguments.map((a, index) => ({ path: leaf.path, leaf, index, name: a.name(), kind: valueKind(leaf.path, a.name()) })));

function walkGroups(cmd: Command, path: string[] = []): Leaf[] {
  return cmd.commands.flatMap((c) => {
    const p = [...path, c.name()];
    return c.commands.length ? [{ path: p.join(' '), cmd: c }, ...walkGroups(c, p)] : [];
  });
}

const optionName = (o: Option) => o.long ?? o.short!;

async function expectRefused(argv: string[], message: RegExp): Promise<void> {
  const before = sim.requests.length;
  const r = await run(argv);
  expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: '' });
  expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
  expect(r.stderr, argv.join(' ')).toMatch(message);
  expect(sim.requests.length, argv.join(' ')).toBe(before);
}

describe('the whole command tree', () => {
  it('has the options and arguments this sweep walks', () => {
    expect(all.length).toBeGreaterThan(60);
    expect(options.length).toBeGreaterThan(100);
    expect(argumentsOf.length).toBeGreaterThan(50);
  });

  it('refuses an empty value for every option of every command (--type "", --cluster "", --metric "")', async () => {
    for (const { at, option } of options) {
      const flag = optionName(option);
      await expectRefused([...at, flag, ''], new RegExp(`^atlascli: ${flag} is empty \\(hint: give a (value|file name|folder)\\b.*\\)\\n$`));
    }
  });

  it('refuses --flag= (an empty value after =) the same way', async () => {
    for (const { at, option } of options.filter((o) => o.option.long)) {
      await expectRefused([...at, `${option.long}=`], new RegExp(`${option.long} is empty`));
    }
  });

  it('refuses an empty value for every argument but the words passed on untouched', async () => {
    for (const a of argumentsOf.filter((x) => x.kind !== 'passthrough')) {
      await expectRefused([...a.path.split(' '), ...argsOf(a.leaf, { index: a.index, value: '' })], new RegExp(`<${a.name}> is empty`));
    }
  });

  it('refuses a control character in every option and argument (an ESC, a newline, a DEL, a C1 control)', async () => {
    const bad = ['a\u001b[31mb', 'two\nlines', 'del\u007f', 'c1\u009b'];
    let i = 0;
    for (const { at, option } of options) {
      const flag = optionName(option);

      await expectRefused([...at, flag, bad[i++ % bad.length]!], new RegExp(`${flag} holds a control character \\(U\\+00(1B|0A|7F|9B), character \\d+\\)`));
    }
    for (const a of argumentsOf.filter((x) => x.kind !== 'passthrough')) {
      await expectRefused([...a.path.split(' '), ...argsOf(a.leaf, { index: a.index, value: `ok${bad[i++ % bad.length]}` })], new RegExp(`<${a.name}> holds a control character`));
    }
  });
});

describe('cluster names', () => {
  const clusterValues = [
    ...argumentsOf
      .filter((a) => a.kind === 'cluster' || a.kind === 'clusters')
      .map((a) => ({ path: a.path, name: a.name, argv: (v: string) => [...a.path.split(' '), ...argsOf(a.leaf, { index: a.index, value: v })] })),
    ...options
      .filter((o) => ['cluster', 'clusters', 'scope'].includes(valueKind(o.path, optionName(o.option))))
      .map((o) => ({
        path: o.path,
        name: optionName(o.option),
        argv: (v: string) => [...o.at, optionName(o.option), valueKind(o.path, optionName(o.option)) === 'scope' ? `cluster:${v}` : v],
      })),
  ];

  it('every argument and option that names a cluster is checked as a cluster name', () => {
    // what names a cluster: an argument with "cluster" in its name, an option --cluster or
    // --…-cluster, --scope (cluster:NAME), and the <name> of the commands about one cluster
    // (cluster …, metrics cluster, logs cluster)
    const named = [
      ...argumentsOf.filter((a) => /cluster/i.test(a.name) || (a.name === 'name' && /(^| )cluster( |$)/.test(a.path))).map((a) => `${a.path} <${a.name}>`),
      ...options.filter((o) => /^--((.+-)?cluster|scope)$/.test(optionName(o.option))).map((o) => `${o.path} ${optionName(o.option)}`),
    ].sort();
    expect(clusterValues.map((c) => (c.name.startsWith('-') ? `${c.path} ${c.name}` : `${c.path} <${c.name}>`)).sort()).toEqual(named);
    // the ones the issue names are among them
    expect(named).toEqual(
      expect.arrayContaining([
        'metrics cluster <name>',
        'logs cluster <name>',
        'backup snapshot list <cluster>',
        'process list --cluster',
        'user create --scope',
        'event list --cluster',
        'backup restore create --target-cluster',
      ]),
    );
  });

  it.each([
    ['1.5', /invalid (cluster name|--[a-z-]+( cluster)?) "1\.5"/],
    ['bad_name', /invalid (cluster name|--[a-z-]+( cluster)?) "bad_name"/],
    ['a'.repeat(65), /invalid (cluster name|--[a-z-]+( cluster)?) "a{65}"/],
    ['ends-with-', /Atlas builds host names from it/],
  ])('refuses %j wherever a cluster name goes, before any request', async (value, message) => {
    for (const c of clusterValues) await expectRefused(c.argv(value), message);
  });
});
