import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { operation, operations } from '../../src/spec/index.js';
import { checkPathValue, chooseVersion, defineCall, parseParamTokens, type Defaults } from '../../src/commands/api/define.js';
import { kebab, parameterFlags, parameterNames } from '../../src/commands/api/params.js';
import { operationDoc } from '../../src/commands/api/docs.js';

const PROJECT = 'b0123456789abcdef012345b';
const ORG = 'a0123456789abcdef012345a';

const defaults = (over: Partial<Defaults> = {}): Defaults => ({
  projectId: () => PROJECT,
  orgId: () => ORG,
  readText: async () => {
    throw new Error('no body expected');
  },
  today: '2026-11-30',
  ...over,
});

async function usage(p: Promise<unknown>): Promise<UsageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

describe('parameter flags', () => {
  it('accept the spec name and the kebab case, except spellings the global options own', () => {
    expect(kebab('groupId')).toBe('group-id');
    expect(kebab('includeDeletedWithRetainedBackups')).toBe('include-deleted-with-retained-backups');
    const flags = parameterFlags(operation('getGroupCluster')!);
    expect(flags.get('groupId')).toBe('groupId');
    expect(flags.get('group-id')).toBe('groupId');
    expect(flags.get('cluster-name')).toBe('clusterName');
    // --client-id is the service account's id (a global option), so clientId is --clientId only
    const withClientId = Object.entries(operations()).find(([, op]) => parameterNames(op).includes('clientId'))!;
    const f = parameterFlags(withClientId[1]);
    expect(f.get('clientId')).toBe('clientId');
    expect(f.has('client-id')).toBe(false);
  });

  it("no operation has a parameter spelled like one of api's own options", () => {
    const own = new Set(['all', 'limit', 'out', 'file', 'body', 'dry-run', 'dryRun', 'api-version', 'apiVersion', 'help']);
    for (const [id, op] of Object.entries(operations())) {
      for (const flag of parameterFlags(op).keys()) expect(own.has(flag), `${id} --${flag}`).toBe(false);
    }
  });

  it('parses --name value, --name=value, bare booleans and repeated arrays', () => {
    const op = operation('listOrgInvoices')!;
    const v = parseParamTokens('listOrgInvoices', op, ['--org-id', ORG, '--statusNames=PAID', '--statusNames', 'FREE', '--pretty', '--itemsPerPage', '5']);
    expect(Object.fromEntries(v)).toEqual({ orgId: [ORG], statusNames: ['PAID', 'FREE'], pretty: ['true'], itemsPerPage: ['5'] });
  });

  it('refuses unknown flags with the closest names and the list of parameters', () => {
    const err = (() => {
      try {
        parseParamTokens('getGroup', operation('getGroup')!, ['--grpId', PROJECT]);
      } catch (e) {
        return e as UsageError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('unknown flag --grpId for getGroup');
    expect(err.hint).toBe('did you mean --groupId? getGroup takes --groupId, --envelope, --pretty');
  });

  it('refuses positional words, a scalar given twice, and a non-boolean flag without a value', () => {
    const op = operation('getGroupCluster')!;
    expect(() => parseParamTokens('getGroupCluster', op, ['Cluster0'])).toThrow(/unexpected argument "Cluster0"/);
    expect(() => parseParamTokens('getGroupCluster', op, ['--clusterName', 'a', '--clusterName', 'b'])).toThrow(/given more than once/);
    expect(() => parseParamTokens('getGroupCluster', op, ['--clusterName'])).toThrow('--clusterName needs a value');
  });
});

describe('path values', () => {
  it('match the spec schema: pattern and enum', () => {
    const doc = operationDoc('downloadGroupClusterLog')!;
    expect(checkPathValue('groupId', PROJECT, doc.params.groupId)).toBe(PROJECT);
    expect(() => checkPathValue('groupId', 'not-hex', doc.params.groupId)).toThrow('invalid --groupId "not-hex": must match ^([a-f0-9]{24})$');
    expect(() => checkPathValue('logName', 'syslog', doc.params.logName)).toThrow(
      'invalid --logName "syslog": must be one of mongodb, mongos, mongodb-audit-log, mongos-audit-log',
    );
    expect(() => checkPathValue('clusterName', '', operationDoc('getGroupCluster')!.params.clusterName)).toThrow('--clusterName is empty');
  });
});

describe('chooseVersion', () => {
  const op = operation('listGroupClusters')!;
  it('uses the newest version unless one is pinned', () => {
    expect(chooseVersion('listGroupClusters', op, undefined, false, '2026-11-30')).toEqual({ version: '2024-08-05', warnings: [] });
    expect(chooseVersion('getOrgMaintenanceSettings', operation('getOrgMaintenanceSettings')!, undefined, false, '2026-11-30').version).toBe('preview');
  });

  it('warns when the pinned version is deprecated, naming its sunset date', () => {
    expect(chooseVersion('listGroupClusters', op, '2023-02-01', false, '2026-11-30').warnings).toEqual([
      'warning: version 2023-02-01 of listGroupClusters is deprecated (newest: 2024-08-05); Atlas removes it on 2027-07-01',
    ]);
  });

  it('warns when the sunset date has passed (spec: getFederationSettingIdentityProvider 2023-01-01, x-sunset 2025-01-01)', () => {
    const id = 'getFederationSettingIdentityProvider';
    expect(chooseVersion(id, operation(id)!, '2023-01-01', false, '2026-11-30').warnings).toEqual([
      `warning: version 2023-01-01 of ${id} is deprecated (newest: 2023-11-15)`,
      `warning: version 2023-01-01 of ${id} passed its sunset date (2025-01-01); Atlas may refuse it`,
    ]);
    // the day before the sunset: deprecated only
    expect(chooseVersion(id, operation(id)!, '2023-01-01', false, '2024-12-31').warnings).toHaveLength(1);
  });

  it('warns about operations the spec deprecates', () => {
    const [id, dep] = Object.entries(operations()).find(([, o]) => o.deprecated && o.versions.length === 1 && o.sunset)!;
    expect(chooseVersion(id, dep, undefined, dep.requestVersions !== undefined, '2026-11-30').warnings[0]).toMatch(
      new RegExp(`^warning: ${id} is deprecated and will be removed on \\d{4}-\\d{2}-\\d{2}$`),
    );
  });

  it('refuses versions the operation does not offer, and non-dates', () => {
    expect(() => chooseVersion('listGroupClusters', op, '2022-01-01', false, '2026-11-30')).toThrow('listGroupClusters does not offer version 2022-01-01');
    expect(() => chooseVersion('listGroupClusters', op, 'latest', false, '2026-11-30')).toThrow('invalid --version "latest": give a date YYYY-MM-DD');
  });
});

describe('defineCall', () => {
  it('fills groupId and orgId from the settings, and only calls them when needed', async () => {
    let asked = 0;
    const d = defaults({ projectId: () => (asked++, PROJECT) });
    const call = await defineCall('getGroupCluster', ['--clusterName', 'Cluster0'], {}, d);
    expect(call.pathParams).toEqual({ groupId: PROJECT, clusterName: 'Cluster0' });
    expect(call.version).toBe('2024-08-05');
    expect(asked).toBe(1);
    await defineCall('getGroupCluster', ['--groupId', 'b1123456789abcdef012345b', '--clusterName', 'C'], {}, d);
    expect(asked).toBe(1);
    expect((await defineCall('getOrg', [], {}, d)).pathParams).toEqual({ orgId: ORG });
  });

  it('names the path parameters that are missing', async () => {
    const err = await usage(defineCall('getGroupCluster', [], {}, defaults()));
    expect(err.message).toBe('getGroupCluster needs --clusterName');
  });

  it.each([
    [['--includeCount', 'maybe'], 'invalid --includeCount: must be true or false, got "maybe"'],
    [['--itemsPerPage', 'ten'], 'invalid --itemsPerPage: must be an integer, got "ten"'],
    [['--itemsPerPage', '501'], 'invalid --itemsPerPage: must be <= 500, got 501'],
    [['--pageNum', '0'], 'invalid --pageNum: must be >= 1, got 0'],
  ])('checks query values with the shared validator: %j', async (tokens, message) => {
    expect((await usage(defineCall('listGroupClusters', tokens, {}, defaults()))).message).toBe(message);
  });

  it('checks enums of array parameters and names required query parameters', async () => {
    const err = await usage(defineCall('listOrgInvoices', ['--statusNames', 'PAID,LOST'], {}, defaults()));
    expect(err.message).toMatch(/^invalid --statusNames: must be one of PENDING, .* got "LOST"$/);
    const ok = await defineCall('listOrgInvoices', ['--statusNames', 'PAID', '--statusNames', 'FREE'], {}, defaults());
    // sent as the spec's style says (form, exploded): statusNames=PAID&statusNames=FREE, never joined with commas
    expect(ok.query.statusNames).toEqual(['PAID', 'FREE']);
    expect((await defineCall('listOrgInvoices', ['--statusNames', 'PAID,FREE'], {}, defaults())).query.statusNames).toEqual(['PAID', 'FREE']);
    expect((await defineCall('listGroupClusters', ['--itemsPerPage', '5'], {}, defaults())).query.itemsPerPage).toBe('5');
    const required = Object.entries(operations()).find(([, o]) => o.pathParams.every((p) => p === 'groupId') && Object.values(o.query ?? {}).some((q) => q.required))!;
    expect((await usage(defineCall(required[0], [], {}, defaults()))).message).toMatch(new RegExp(`^${required[0]} needs --\\w+$`));
  });

  it('refuses an empty value and a control character in a parameter, as for every option', async () => {
    expect((await usage(defineCall('listGroupEvents', ['--eventType', ''], {}, defaults()))).message).toBe('--eventType is empty');
    expect((await usage(defineCall('listGroupEvents', ['--eventType='], {}, defaults()))).message).toBe('--eventType is empty');
    expect((await usage(defineCall('getGroupCluster', ['--clusterName', 'a\u001bb'], {}, defaults()))).message).toBe(
      '--clusterName holds a control character (U+001B, character 2)',
    );
  });

  it('--all and --limit only for paginated operations, without the page parameters', async () => {
    expect((await defineCall('listGroups', [], { all: true }, defaults())).all).toBe(true);
    expect(await defineCall('listGroups', [], { limit: '3' }, defaults())).toMatchObject({ all: true, limit: 3 });
    expect((await usage(defineCall('getGroup', [], { all: true }, defaults()))).message).toBe('--all: getGroup does not answer in pages');
    expect((await usage(defineCall('listGroups', ['--pageNum', '2'], { all: true }, defaults()))).message).toBe('--all walks the pages itself: leave out --pageNum');
  });

  it('binary answers need --out, a file in an existing folder; JSON answers refuse it', async () => {
    const tokens = ['--hostName', 'atlas-x-shard-00-00.abc.mongodb.net', '--logName', 'mongodb'];
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, {}, defaults()))).message).toBe('downloadGroupClusterLog answers with a gzip file: give --out <file>');
    const dir = mkdtempSync(join(tmpdir(), 'api-out-'));
    expect((await defineCall('downloadGroupClusterLog', tokens, { out: join(dir, 'm.gz') }, defaults())).out).toBe(join(dir, 'm.gz'));
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, { out: dir }, defaults()))).message).toMatch(/is a folder/);
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, { out: join(dir, 'nope', 'm.gz') }, defaults()))).message).toMatch(/does not exist/);
    expect((await usage(defineCall('getGroup', [], { out: join(dir, 'x.json') }, defaults()))).message).toMatch(/^--out is for binary answers/);
    // an existing file only with --force; - is stdout, refused on a terminal (gzip)
    writeFileSync(join(dir, 'have.gz'), 'x');
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, { out: join(dir, 'have.gz') }, defaults()))).message).toBe(`--out "${join(dir, 'have.gz')}" exists`);
    expect((await defineCall('downloadGroupClusterLog', tokens, { out: join(dir, 'have.gz') }, defaults({ force: true }))).out).toBe(join(dir, 'have.gz'));
    expect((await defineCall('downloadGroupClusterLog', tokens, { out: '-' }, defaults())).out).toBe('-');
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, { out: '-' }, defaults({ stdoutIsTTY: true })))).message).toBe('compressed data not written to a terminal');
    expect((await usage(defineCall('downloadGroupClusterLog', tokens, { out: '' }, defaults()))).message).toBe('--out is empty');
  });

  it('reads the body, locates JSON syntax errors, and validates it against the version used', async () => {
    const text = (t: string) => defaults({ readText: async () => t });
    const good = await defineCall('createGroup', [], { body: '-' }, text(JSON.stringify({ name: 'p1', orgId: ORG })));
    expect(good).toMatchObject({ body: { name: 'p1', orgId: ORG }, version: '2023-01-01' });
    const bad = await usage(defineCall('createGroup', [], { body: '-' }, text(JSON.stringify({ name: 'p1', orgId: ORG, colour: 'blue' }))));
    expect(bad.message).toBe('the request body does not match the createGroup request of the API (version 2023-01-01): /colour: unknown attribute');
    const nested = await usage(defineCall('updateGroupClusterProcessArgs', ['--clusterName', 'Cluster0'], { body: '-' }, text('{"minimumEnabledTlsProtocol":"TLS0_9"}')));
    expect(nested.message).toMatch(/: \/minimumEnabledTlsProtocol: must be one of "TLS1_0"/);
    expect((await usage(defineCall('createGroup', [], { body: '-' }, text('{\n  "name": "p1",\n}')))).message).toBe('invalid JSON in stdin at line 3, column 1: trailing comma');
  });

  it('--file reads a file; body rules: one source, only "-" for --body, required bodies, no body where none is taken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-body-'));
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify([{ teamId: 'c0123456789abcdef012345c', roleNames: ['GROUP_READ_ONLY'] }]));
    const { readFile } = await import('node:fs/promises');
    const d = defaults({ readText: (p) => readFile(p, 'utf8') });
    expect((await defineCall('addGroupTeams', [], { file }, d)).body).toEqual([{ teamId: 'c0123456789abcdef012345c', roleNames: ['GROUP_READ_ONLY'] }]);
    expect((await usage(defineCall('addGroupTeams', [], { file: join(dir, 'none.json') }, d))).message).toBe(`cannot read --file "${join(dir, 'none.json')}": no such file`);
    expect((await usage(defineCall('addGroupTeams', [], { file, body: '-' }, d))).message).toBe('give --file or --body, not both');
    expect((await usage(defineCall('addGroupTeams', [], { body: '{}' }, d))).message).toMatch(/^--body takes "-"/);
    expect((await usage(defineCall('addGroupTeams', [], {}, d))).message).toBe('addGroupTeams needs a request body: --file body.json, or --body - to read stdin');
    expect((await usage(defineCall('getGroup', [], { file }, d))).message).toBe('getGroup takes no request body');
  });

  it('refuses unknown operations with the closest operationIds', async () => {
    const err = await usage(defineCall('getGrup', [], {}, defaults()));
    expect(err.message).toBe('unknown operation "getGrup"');
    expect(err.hint).toMatch(/^did you mean getGroup/);
    expect((await usage(defineCall(undefined, [], {}, defaults()))).message).toBe('give an operationId');
  });
});
