/**
 * tsc refuses what used to fail only at run time: an operationId the spec lacks, a path
 * parameter missing or misnamed, and a handler reading an option its command does not
 * define (issue 18, "Types where the bugs come from"). Each fixture is compiled with the
 * project's compiler options through the TypeScript API, and the errors it must give
 * (and only those) are asserted; the fixtures live in this file, not on disk, so that
 * `npm run typecheck` does not see them.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A file of test/types/fixtures/ (virtual) with its source. */
const FIXTURES: Record<string, string> = {
  'operation-ids.ts': `
import type { RequestSpec } from '../../../src/atlas/client.js';
import type { Prints } from '../../../src/program/action.js';
import { metricNames } from '../../../src/commands/metrics/options.js';

export const right: RequestSpec = { operationId: 'getGroupCluster', pathParams: { groupId: 'g', clusterName: 'c' } };
export const none: RequestSpec = { operationId: 'listOrgs', query: { name: 'acme' } };
export const typo: RequestSpec = { operationId: 'getGroupClustr', pathParams: { groupId: 'g', clusterName: 'c' } };
export const missing: RequestSpec = { operationId: 'getGroupCluster', pathParams: { groupId: 'g' } };
export const misnamed: RequestSpec = { operationId: 'getGroupCluster', pathParams: { groupId: 'g', cluster: 'c' } };
export const extra: RequestSpec = { operationId: 'listOrgs', pathParams: { orgId: 'o' } };
export const prints: Prints = { operationId: ['getGroupCluster', 'listGroupClustrs'] };
export const names = metricNames('getGroupProcessMeasurement');
`,
  'options.ts': `
import { Command } from '@commander-js/extra-typings';
import { lazy, withDryRun, withLimit, type Runtime } from '../../../src/program/action.js';
import type { Context } from '../../../src/program/context.js';

declare const rt: Runtime;
const run = <N extends keyof typeof import('../../../src/commands/alert/run.js')>(name: N) => async () => (await import('../../../src/commands/alert/run.js'))[name];
const count = async (_ctx: Context, _args: string[], _opts: { limit?: number }): Promise<void> => {};
const alert = new Command('alert');

withLimit(alert.command('list')).option('--status <status>').action(lazy(rt, run('list')));
withLimit(alert.command('list')).option('--state <status>').action(lazy(rt, run('list')));
withDryRun(alert.command('unack <alertId>')).action(lazy(rt, run('unack')));
alert.command('unack <alertId>').option('--dryrun').action(lazy(rt, run('unack')));
alert.command('get <alertId>').action(lazy(rt, run('get')));
withLimit(alert.command('count')).action(lazy(rt, async () => count));
`,
};

interface Found {
  file: string;
  line: number;
  message: string;
}

/** The errors tsc gives for the fixtures, with the options of tsconfig.json. */
function compile(): Found[] {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json unreadable');
  const options = { ...config.options, noEmit: true, noUnusedLocals: false };
  const dir = resolve(root, 'test/types/fixtures');
  const virtual = new Map(Object.entries(FIXTURES).map(([name, text]) => [resolve(dir, name), text]));
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => (virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, language) : getSourceFile.call(host, f, language, ...rest));
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && virtual.has(d.file.fileName))
    .map((d) => ({
      file: d.file!.fileName.slice(dir.length + 1),
      line: d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
}

/** The line of a fixture holding `text`, counted from 0 as tsc counts them. */
const lineOf = (file: string, text: string): number => {
  const line = FIXTURES[file]!.split('\n').findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${file} has no line with ${text}`);
  return line;
};

describe('tsc on code that names what does not exist', () => {
  let found: Found[] = [];
  // one program for both fixtures: it reads the part of src/ they import (several seconds on a busy machine)
  beforeAll(() => {
    found = compile();
  }, 180_000);
  const at = (file: string, text: string) =>
    found
      .filter((f) => f.file === file && f.line === lineOf(file, text))
      .map((f) => f.message)
      .join('\n');
  const lines = (file: string) => [...new Set(found.filter((f) => f.file === file).map((f) => f.line))].sort((a, b) => a - b);

  it('refuses an operationId the spec lacks, in a request, in what a command prints and in a helper taking one', () => {
    expect(at('operation-ids.ts', "'getGroupClustr'")).toMatch(/^Type '"getGroupClustr"' is not assignable to type .* Did you mean '"getGroupCluster"'\?$/);
    expect(at('operation-ids.ts', "'listGroupClustrs'")).toMatch(
      /^Type '"listGroupClustrs"' is not assignable to type 'keyof OperationPathParams'\. Did you mean '"listGroupClusters"'\?$/,
    );
    expect(at('operation-ids.ts', "'getGroupProcessMeasurement'")).toBe(
      `Argument of type '"getGroupProcessMeasurement"' is not assignable to parameter of type 'MeasurementsOperation'.`,
    );
  });

  it("refuses path parameters that are not the operation's: one missing, one misnamed, one the operation does not take", () => {
    expect(at('operation-ids.ts', "pathParams: { groupId: 'g' } }")).toMatch(
      /Property 'clusterName' is missing in type '\{ groupId: string; \}' but required in type 'PathParams<"getGroupCluster">'\.$/,
    );
    expect(at('operation-ids.ts', "cluster: 'c'")).toMatch(
      /^Object literal may only specify known properties, and 'cluster' does not exist in type 'PathParams<"updateGroupCluster">/,
    );
    expect(at('operation-ids.ts', "orgId: 'o'")).toMatch(/Type '\{ orgId: string; \}' is not assignable to type 'undefined'\.$/);
  });

  it('accepts the right operationId and path parameters: the errors are on the wrong lines only', () => {
    expect(lines('operation-ids.ts')).toEqual(
      ["'getGroupClustr'", "pathParams: { groupId: 'g' } }", "cluster: 'c'", "orgId: 'o'", "'listGroupClustrs'", "'getGroupProcessMeasurement'"].map((t) =>
        lineOf('operation-ids.ts', t),
      ),
    );
  });

  it('refuses a handler reading an option its command does not define (renamed --status, --dryrun for --dry-run)', () => {
    expect(at('options.ts', "'--state <status>'")).toMatch(
      /Property '"opts\.status: read by the handler, not an option of the command"' is missing in type '\{ limit\?: string \| undefined; state\?: string \| undefined; \}'/,
    );
    expect(at('options.ts', "'--dryrun'")).toMatch(
      /Property '"opts\.dryRun: read by the handler, not an option of the command"' is missing in type '\{ dryrun\?: true \| undefined; \}'/,
    );
  });

  it('refuses a handler reading an option as another type than commander gives', () => {
    expect(at('options.ts', 'async () => count')).toMatch(
      /Types of property 'limit' are incompatible\.\n\s+Type 'string \| undefined' is not assignable to type 'number \| undefined'\./,
    );
  });

  it("accepts the commands whose options are the handlers': the errors are on the wrong lines only", () => {
    expect(lines('options.ts')).toEqual(["'--state <status>'", "'--dryrun'", 'async () => count'].map((t) => lineOf('options.ts', t)));
  });
});
