/**
 * The global options come from one table (src/settings/definitions.ts): the root
 * command's options, the settings (resolution, `config describe`, `help environment`)
 * and completion's values are derived from it, and each entry is keyed by the attribute
 * commander stores it in (issue 18, "One place for each thing").
 */
import { PassThrough } from 'node:stream';
import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program/cli.js';
import { optionSource } from '../../src/commands/completion/values.js';
import { GLOBAL_OPTIONS, SETTINGS, type GlobalOptionDefinition } from '../../src/settings/definitions.js';

const table = Object.entries(GLOBAL_OPTIONS) as Array<[string, GlobalOptionDefinition]>;

describe('the global options table', () => {
  it('keys each option by the attribute commander stores its value in', () => {
    for (const [key, def] of table) expect(new Option(def.flags).attributeName(), def.flags).toBe(key);
  });

  it('is what the root command declares, in its order, with the help the table gives', async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
    const program = await buildProgram({ io: io as never, version: '0.0.0' });
    expect(program.options.map((o) => [o.flags, o.description, o.hidden])).toEqual([
      ['-v, --version', 'print the version', false],
      ['-o, --output <format>', 'table, json, jsonl, csv or value (the values alone, tab-separated, no header) (env ATLAS_OUTPUT)', false],
      ['--format <detail>', 'short (key columns) or full (every field)', false],
      ['--fields <paths>', 'pick fields, comma-separated dot paths (also in JSON)', false],
      ['--query <expr>', 'a JMESPath expression applied to what -o json prints (output JSON; -o value: one value a line)', false],
      ['--no-color', 'no colour (also NO_COLOR; off when stdout is not a terminal)', false],
      ['--debug', 'trace HTTP requests on stderr, secrets masked', false],
      ['-y, --yes', 'answer yes to every prompt', false],
      ['--force', 'go ahead without a prompt (deletes)', false],
      ['--timeout <seconds>', 'bound on each HTTP request, 0.1 to 3600 seconds (default: fail after 60 s without a byte)', false],
      ['-p, --project <id|name>', 'project id or name (env ATLAS_PROJECT_ID)', false],
      ['--atlasgroup <id|name>', 'alias of --project', true],
      ['--org <id|name>', 'organization id or name (env ATLAS_ORG_ID)', false],
      ['--profile <name>', 'profile in the config file (env ATLAS_PROFILE)', false],
      ['--base-url <url>', 'API base URL (env ATLAS_BASE_URL)', false],
      ['--public-key <key>', 'API public key (env ATLAS_PUBLIC_KEY)', false],
      ['--private-key <key>', 'API private key (env ATLAS_PRIVATE_KEY)', false],
      ['--client-id <id>', 'service account client id, mdb_sa_id_… (env ATLAS_CLIENT_ID)', false],
      ['--client-secret <secret>', 'service account client secret, mdb_sa_sk_… (env ATLAS_CLIENT_SECRET)', false],
    ]);
  });

  it('gives the settings, in the order config describe lists them, with their flags, variables and profile keys', () => {
    expect(SETTINGS.map((s) => [s.key, s.flagAttr, s.flag, s.env.join(' '), s.secret, s.inProfile, s.defaultValue, s.description])).toEqual([
      ['publicKey', 'publicKey', '--public-key', 'ATLAS_PUBLIC_KEY MONGODB_ATLAS_PUBLIC_API_KEY', false, true, undefined, 'API public key'],
      ['privateKey', 'privateKey', '--private-key', 'ATLAS_PRIVATE_KEY MONGODB_ATLAS_PRIVATE_API_KEY', true, true, undefined, 'API private key'],
      ['clientId', 'clientId', '--client-id', 'ATLAS_CLIENT_ID MONGODB_ATLAS_CLIENT_ID', false, true, undefined, 'service account client id'],
      ['clientSecret', 'clientSecret', '--client-secret', 'ATLAS_CLIENT_SECRET MONGODB_ATLAS_CLIENT_SECRET', true, true, undefined, 'service account client secret'],
      ['projectId', 'project', '--project', 'ATLAS_PROJECT_ID MONGODB_ATLAS_PROJECT_ID', false, true, undefined, 'project id or name'],
      ['orgId', 'org', '--org', 'ATLAS_ORG_ID MONGODB_ATLAS_ORG_ID', false, true, undefined, 'organization id or name'],
      ['baseUrl', 'baseUrl', '--base-url', 'ATLAS_BASE_URL MONGODB_ATLAS_OPS_MANAGER_URL', false, true, 'https://cloud.mongodb.com', 'API base URL'],
      ['profile', 'profile', '--profile', 'ATLAS_PROFILE', false, false, 'default', 'profile'],
      ['output', 'output', '--output', 'ATLAS_OUTPUT', false, true, 'table', 'output format'],
    ]);
  });

  it('gives completion the values of --output and --format wherever they are typed', async () => {
    const typed = { path: 'cluster list', options: new Map(), current: '', env: {} };
    expect(await optionSource('cluster list', '--output', 'format')?.(typed)).toEqual(['table', 'json', 'jsonl', 'csv', 'value']);
    expect(await optionSource('', '--format', 'detail')?.(typed)).toEqual(['short', 'full']);
  });

  it("parses --format, --fields and --timeout into what the program uses, refusing bad values with the flag's name", () => {
    expect(GLOBAL_OPTIONS.format.parse('full')).toBe('full');
    expect(() => GLOBAL_OPTIONS.format.parse('wide')).toThrow('invalid --format "wide"');
    expect(GLOBAL_OPTIONS.fields.parse(' name, stateName ,')).toEqual(['name', 'stateName']);
    expect(() => GLOBAL_OPTIONS.fields.parse(' , ')).toThrow('--fields needs at least one field name');
    expect(GLOBAL_OPTIONS.timeout.parse('2.5')).toBe(2500);
    expect(() => GLOBAL_OPTIONS.timeout.parse('0')).toThrow(/--timeout/);
  });
});
