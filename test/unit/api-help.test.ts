import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildProgram } from '../../src/program/cli.js';
import { operations } from '../../src/spec/index.js';
import { allDocs, operationDoc } from '../../src/commands/api/docs.js';
import { operationHelp } from '../../src/commands/api/help.js';
import { allTags, operationRows } from '../../src/commands/api/catalog.js';
import { apiCandidates } from '../../src/commands/api/complete.js';
import { prepareApiArgv } from '../../src/commands/api/argv.js';
import { PassThrough } from 'node:stream';

describe('the docs index', () => {
  it('documents every operation of operations.json, with a tag and a summary', () => {
    const ids = Object.keys(operations()).sort();
    expect(
      allDocs()
        .map((d) => d.operationId)
        .sort(),
    ).toEqual(ids);
    for (const id of ids) {
      const d = operationDoc(id)!;
      expect(d.tag, id).toBeTruthy();
      expect(d.summary, id).toBeTruthy();
      // every path parameter has its schema; shared documentation is filled in
      for (const p of operations()[id]!.pathParams) expect(d.params[p], `${id} ${p}`).toMatchObject({ in: 'path', type: expect.any(String) });
    }
    expect(operationDoc('getGroup')).toEqual({
      tag: 'Projects',
      summary: 'Return One Project',
      description: 'Returns details about the specified project.',
      params: {
        groupId: { in: 'path', type: 'string', pattern: '^([a-f0-9]{24})$', description: 'Unique 24-hexadecimal digit string that identifies your project.' },
        envelope: { in: 'query', description: 'Flag that indicates whether Application wraps the response in an envelope JSON object.' },
        pretty: { in: 'query', description: 'Flag that indicates whether the response body should be in the prettyprint format.' },
      },
    });
    expect(operationDoc('nope')).toBeUndefined();
  });
});

describe('operationHelp', () => {
  it('shows the summary, method and path, versions, parameters with types and enums, the body, an example', () => {
    const text = operationHelp('downloadGroupClusterLog')!;
    expect(text).toContain('Download Logs for One Cluster Host in One Project (Monitoring and Logs)');
    expect(text).toContain('  GET /api/atlas/v2/groups/{groupId}/clusters/{hostName}/logs/{logName}.gz');
    expect(text).toContain('versions: 2023-01-01 (sunset 2027-07-01), 2023-02-01 (default)');
    expect(text).toContain('answer: a gzip file, saved with --out <file>');
    expect(text).toMatch(/--logName <string> \(--log-name\)\s+path, required — .* \[one of: mongodb, mongos, mongodb-audit-log, mongos-audit-log\]/);
    expect(text).toMatch(/--startDate <integer> \(--start-date\)\s+query — .*\[min 1199145600\]/);
    expect(text).toContain('--groupId <string> (--group-id)');
    expect(text).toContain('path (default: the configured project)');
    expect(text).toContain('$ atlascli api downloadGroupClusterLog --hostName <hostName> --logName mongodb --out download-group-cluster-log.gz');
    const create = operationHelp('createGroup')!;
    expect(create).toContain('request body: required, JSON (--file body.json or --body -)');
    expect(create).toContain('$ atlascli api createGroup --file body.json');
    expect(operationHelp('listGroups')).toContain('$ atlascli api listGroups --all -o json');
    expect(operationHelp('nope')).toBeUndefined();
  });
});

describe('api list rows', () => {
  it('filter by tag (case and spaces aside) and by text', () => {
    const clusters = operationRows({ tag: 'clusters' });
    expect(clusters.length).toBeGreaterThan(10);
    expect(clusters.every((r) => r.tag === 'Clusters')).toBe(true);
    expect(clusters.map((r) => r.operationId)).toContain('listGroupClusters');
    expect(operationRows({ tag: 'cloud-backups' }).every((r) => r.tag === 'Cloud Backups')).toBe(true);
    const grep = operationRows({ grep: 'PROCESSARGS' });
    expect(grep.map((r) => r.operationId)).toEqual(['getGroupClusterProcessArgs', 'updateGroupClusterProcessArgs']);
    expect(operationRows()).toHaveLength(540);
    expect(allTags()).toContain('Projects');
  });

  it('an unknown tag is a usage error naming the closest tags', () => {
    let err: unknown;
    try {
      operationRows({ tag: 'Cluster' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).hint).toMatch(/^did you mean .*Clusters/);
  });
});

describe('apiCandidates', () => {
  it('offers operationIds first, then the flags of the operation, enum values and versions', () => {
    expect(apiCandidates([], 'getGr', ['list']).filter((c) => c.startsWith('getGr'))).toContain('getGroup');
    const flags = apiCandidates(['getGroup'], '--', ['--all', '--api-version', '--debug']);
    expect(flags).toEqual(expect.arrayContaining(['--groupId', '--envelope', '--pretty', '--version', '--debug']));
    expect(flags).not.toContain('--all');
    expect(flags).not.toContain('--api-version');
    expect(apiCandidates(['listGroups'], '--', ['--all'])).toContain('--all');
    expect(apiCandidates(['getGroup'], '--group-', [])).toContain('--group-id');
    expect(apiCandidates(['listOrgInvoices', '--statusNames'], '', [])).toContain('PAID');
    expect(apiCandidates(['listGroupClusters', '--version'], '', [])).toEqual(['2023-01-01', '2023-02-01', '2024-08-05']);
    expect(apiCandidates(['getGroup'], '', [])).toEqual([]);
  });
});

describe('prepareApiArgv', async () => {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {} };
  const program = await buildProgram({ io, version: '0.0.0' });

  it('turns --version after `api` into --api-version, and leaves it alone elsewhere', async () => {
    expect((await prepareApiArgv(program, ['api', 'getGroup', '--version', '2023-01-01'])).argv).toEqual(['api', 'getGroup', '--api-version', '2023-01-01']);
    expect((await prepareApiArgv(program, ['-o', 'json', 'api', 'getGroup', '--version=2023-01-01'])).argv).toEqual(['-o', 'json', 'api', 'getGroup', '--api-version=2023-01-01']);
    // `-p api` is a project named "api", not the command word
    expect((await prepareApiArgv(program, ['-p', 'api', '--version'])).argv).toEqual(['-p', 'api', '--version']);
    expect((await prepareApiArgv(program, ['--version', 'api'])).argv).toEqual(['--version', 'api']);
    expect((await prepareApiArgv(program, ['project', 'get', 'api', '--version'])).argv).toEqual(['project', 'get', 'api', '--version']);
  });

  it('answers `api <operationId> --help` with the operation help', async () => {
    expect((await prepareApiArgv(program, ['api', 'getGroup', '--help'])).help).toBe(operationHelp('getGroup'));
    expect((await prepareApiArgv(program, ['api', 'getGroup', '--groupId', 'x', '-h'])).help).toBe(operationHelp('getGroup'));
    expect((await prepareApiArgv(program, ['api', '--help'])).help).toBeUndefined();
    expect((await prepareApiArgv(program, ['api', 'list', '--help'])).help).toBeUndefined();
    expect((await prepareApiArgv(program, ['api', 'getGroup'])).help).toBeUndefined();
  });
});
