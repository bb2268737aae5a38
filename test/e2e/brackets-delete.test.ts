/**
 * Issue 19, brackets: `--if-exists` on every delete, and `project delete --cascade`.
 */
import { describe, expect, it } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildProgram } from '../../src/program/cli.js';
import { packageVersion } from '../../src/program/version.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { SEED } from '../../src/simulator/seed-ids.js';
import { PassThrough } from 'node:stream';

const env = { ATLASCLI_POLL_MS: '20' };

const sim = sharedSimulator({ port: 0, stepMs: 50 });

describe('--if-exists', () => {
  it('is on every delete command of the tree (walked whole)', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} } as never;
    const program = await buildProgram({ io, version: packageVersion() });
    const deletes: string[] = [];
    const walk = (cmd: CommandUnknownOpts, path: string[]) => {
      for (const sub of cmd.commands) {
        const here = [...path, sub.name()];
        if (sub.name() === 'delete' || sub.aliases().includes('rm')) {
          deletes.push(here.join(' '));
          expect(
            sub.options.map((o) => o.long),
            here.join(' '),
          ).toContain('--if-exists');
        }
        walk(sub, here);
      }
    };
    walk(program as unknown as CommandUnknownOpts, []);
    // the walk found the deletes (a walk that finds none proves nothing)
    expect(deletes).toEqual(
      expect.arrayContaining(['cluster delete', 'project delete', 'user delete', 'whitelist delete', 'backup snapshot delete', 'config delete', 'org api-keys access-list delete']),
    );
  });

  const ABSENT: Array<[string, string[], RegExp]> = [
    ['cluster', ['cluster', 'delete', 'NoSuchCluster'], /cluster NoSuchCluster does not exist: nothing to delete/],
    ['database user', ['user', 'delete', 'nobody'], /database user nobody does not exist/],
    ['access-list entry', ['whitelist', 'delete', '198.51.100.99'], /access-list entry 198\.51\.100\.99 does not exist/],
    ['project by name', ['project', 'delete', 'no such project'], /project no such project does not exist/],
    ['project by id', ['project', 'delete', 'b9123456789abcdef012345b'], /project b9123456789abcdef012345b does not exist/],
    ['snapshot', ['backup', 'snapshot', 'delete', 'Cluster0', '6a7944f22c88faeba59d3570'], /snapshot 6a7944f22c88faeba59d3570 of cluster Cluster0 does not exist/],
    ['profile', ['config', 'delete', 'nope'], /profile "nope" does not exist: nothing to delete/],
  ];
  for (const [what, args, note] of ABSENT) {
    it(`${what}: absent with --if-exists exits 0 with a note on stderr; without it, fails`, async () => {
      const r = await runCli([...args, '--force', '--if-exists'], { sim });
      expect(r.stderr).toMatch(note);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(0);
      const without = await runCli([...args, '--force'], { sim });
      expect(without.code).not.toBe(0);
    });
  }

  it('a missing project is not an absent cluster: cluster delete --if-exists in an unknown project still fails (exit 4)', async () => {
    const r = await runCli(['cluster', 'delete', 'Cluster0', '--force', '--if-exists', '-p', 'b9123456789abcdef012345b'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/GROUP_NOT_FOUND|INVALID_GROUP_ID/);
  });

  it('deletes what exists as without it', async () => {
    const r = await runCli(['user', 'delete', 'app-user', '--force', '--if-exists', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ deleted: true });
  });
});

describe('project delete --cascade', () => {
  const STAGING = SEED.stagingProjectId;
  const groupPath = `/api/atlas/v2/groups/${STAGING}`;

  it('without --cascade, Atlas refuses a project with clusters (409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS) and the hint names --cascade', async () => {
    // the Atlas API error-code reference: CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS, 409 (neither the spec nor a
    // recording holds it; the simulator answers it as documented, src/simulator/errors.ts)
    const r = await runCli(['project', 'delete', STAGING, '--force'], { sim });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS/);
    expect(r.stderr).toMatch(/--cascade/);
  });

  it('--dry-run prints the plan (every DELETE, clusters first) and sends nothing that changes anything', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'delete', SEED.stagingProjectName, '--cascade', '--dry-run', '-o', 'jsonl'], { sim });
    expect(r.code).toBe(0);
    const plan = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; url: string });
    expect(plan.map((p) => `${p.method} ${new URL(p.url).pathname}`)).toEqual([
      `DELETE ${groupPath}/clusters/${SEED.stagingClusters.free}`,
      `DELETE ${groupPath}/flexClusters/${SEED.stagingClusters.flex}`,
      `DELETE ${groupPath}`,
    ]);
    expect(r.stderr).toMatch(/would delete clusters FreeCluster, FlexCluster, wait until gone, then project atlascli-sim-staging/);
    expect(apiRequests(sim, before).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('without a terminal and without --force it refuses (exit 2), naming the project and its clusters', async () => {
    const r = await runCli(['project', 'delete', SEED.stagingProjectName, '--cascade'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/project atlascli-sim-staging \(b1123456789abcdef012345b\) and its clusters FreeCluster, FlexCluster without --force/);
  });

  it('deletes the clusters, waits until they are gone, then deletes the project', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'delete', SEED.stagingProjectName, '--cascade', '--force', '-o', 'json'], { sim, env });
    expect(r.stderr).toMatch(/cluster FreeCluster is deleted/);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ deleted: true, id: STAGING, clusters: ['FreeCluster', 'FlexCluster'] });
    const writes = apiRequests(sim, before).filter((q) => q.method === 'DELETE');
    expect(writes.map((q) => `${q.path} ${q.status < 300}`)).toEqual([`${groupPath}/clusters/FreeCluster true`, `${groupPath}/flexClusters/FlexCluster true`, `${groupPath} true`]);
    // the project went only once both clusters were gone (a 404 seen before the project's DELETE)
    const all = apiRequests(sim, before);
    const projectDelete = all.findIndex((q) => q.method === 'DELETE' && q.path === groupPath);
    for (const c of ['clusters/FreeCluster', 'flexClusters/FlexCluster']) {
      const gone = all.findIndex((q) => q.method === 'GET' && q.path === `${groupPath}/${c}` && q.status === 404);
      expect(gone, c).toBeGreaterThan(-1);
      expect(gone).toBeLessThan(projectDelete);
    }
    expect((await runCli(['project', 'get', STAGING], { sim })).code).toBe(4);
  });
});
