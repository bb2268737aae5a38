// Issue 17, "One meaning per exit code", the transport's half: an answer that arrives but
// cannot be read is a lost answer (a GET is asked again; a write may have taken effect:
// exit 7 and how to check, never "try again"), and a request retried after a lost answer
// that hears "already in the state you asked for" is a success. The simulator's `malformed`
// fault answers 2xx with the real body cut (invalid JSON) after acting; `after` acts and
// drops the connection before answering.
import { beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED } from '../../src/simulator/resources/backup.js';
import { runCli, type RunOptions } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const FAST: RunOptions['env'] = { ATLASCLI_POLL_MS: '20' };
const run = (args: string[]) => runCli(args, { sim, env: FAST });
const SNAP = BACKUP_SEED.snapshots.scheduled;
const JOBS = `/api/atlas/v2/groups/${SEED.projectId}/clusters/Cluster0/backup/restoreJobs`;

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });
beforeEach(() => sim.faults.clear());

/** The restore jobs of Cluster0 as the simulator holds them (ids). */
async function jobIds(): Promise<string[]> {
  const r = await run(['backup', 'restore', 'list', 'Cluster0', '-o', 'json']);
  expect(r.code).toBe(0);
  return (r.json() as Array<{ id: string }>).map((j) => j.id);
}

describe('a 2xx answer whose body cannot be read', () => {
  it('to a write: exit 7, "sent; could not be read; may have taken effect", how to check, sent once, and the write did happen', async () => {
    const had = await jobIds();
    sim.faults.add({ method: 'POST', pathRegex: '/backup/restoreJobs$', malformed: true, times: 1 });
    const before = sim.requests.length;
    const r = await run(['backup', 'restore', 'create', 'Cluster0', '--type', 'download', '--snapshot', SNAP]);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `atlascli: POST ${JOBS}: the request was sent but its answer could not be read (Atlas answered 200 with a body that is not valid JSON); it may have taken effect, so it was not sent again (hint: check with \`atlascli backup restore list Cluster0\` before trying again)\n`,
    );
    expect(r.stderr).not.toMatch(/try again;/);
    const posts = apiRequests(sim, before).filter((q) => q.method === 'POST');
    // the `malformed` fault answers 200 with the real body cut short
    expect(posts.map((q) => q.status)).toEqual([200]);
    // it did take effect: exactly one new job, which the hint's command shows
    const now = await jobIds();
    expect(now.filter((id) => !had.includes(id))).toHaveLength(1);
  });

  it.each([
    [['user', 'create', 'lost-ci', '--role', 'read@sales', '--generate-password'], '/databaseUsers$', 'atlascli user get lost-ci'],
    [['whitelist', 'add', '198.51.100.77'], '/accessList$', 'atlascli whitelist list'],
    [['backup', 'snapshot', 'create', 'Cluster0', '--description', 'lost'], '/backup/snapshots$', 'atlascli backup snapshot list Cluster0'],
  ])('every write a command sends names the command that shows whether it happened: %j', async (args, path, check) => {
    sim.faults.add({ method: 'POST', pathRegex: path, malformed: true, times: 1 });
    const before = sim.requests.length;
    const r = await run(args);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`it may have taken effect, so it was not sent again (hint: check with \`${check}\` before trying again)`);
    expect(apiRequests(sim, before).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('to a GET while waiting: asked again, so one bad poll does not end `--wait`', async () => {
    sim.faults.add({ method: 'GET', pathRegex: '/backup/restoreJobs/[0-9a-f]{24}$', malformed: true, times: 1 });
    const before = sim.requests.length;
    const r = await run(['backup', 'restore', 'create', 'Cluster0', '--type', 'download', '--snapshot', SNAP, '--wait', '-o', 'json']);
    expect(r.stderr).not.toMatch(/atlascli: /);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ deliveryType: 'download', deliveryUrl: [expect.stringMatching(/\/restore-[0-9a-f]{24}\/[\w-]+\/restore-[0-9a-f]{24}\.tar\.gz$/)] });
    const polls = apiRequests(sim, before).filter((q) => q.method === 'GET' && /\/restoreJobs\/[0-9a-f]{24}$/.test(q.path));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(sim.faults.list()).toEqual([]);
  });
});

describe('a retry after a lost answer that hears "already done"', () => {
  it('backup restore cancel whose answer was lost: the retry hears CANNOT_CANCEL_RESTORE_JOB for the job it cancelled: exit 0', async () => {
    const started = await run(['backup', 'restore', 'create', 'Cluster0', '--type', 'download', '--snapshot', SNAP, '-o', 'json']);
    expect(started.code).toBe(0);
    const id = started.json().id as string;
    // the DELETE acts (the job is cancelled), then the connection drops before the answer
    sim.faults.add({ method: 'DELETE', path: `${JOBS}/${id}`, after: true, times: 1 });
    const before = sim.requests.length;
    const r = await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    expect(r.stderr).toBe(`cancelled restore job ${id} of cluster Cluster0\n`);
    expect(r.code).toBe(0);
    const deletes = apiRequests(sim, before).filter((q) => q.method === 'DELETE');
    // the second answer is Atlas's for a job that cannot be cancelled any more (src/simulator/errors.ts)
    expect(deletes.map((q) => q.dropped ?? `${q.status}`)).toEqual(['after', '400']);
    expect((await run(['backup', 'restore', 'get', 'Cluster0', id, '-o', 'json'])).json()).toMatchObject({ cancelled: true });
    // without a lost answer the same refusal is still a failure (exit 1): the job was already cancelled by someone
    const again = await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/400 CANNOT_CANCEL_RESTORE_JOB/);
  });

  it('a 5xx on a cancel, then CANNOT_CANCEL_RESTORE_JOB on its retry: the first attempt may have acted, so it is done', async () => {
    const started = await run(['backup', 'restore', 'create', 'Cluster0', '--type', 'download', '--snapshot', SNAP, '-o', 'json']);
    const id = started.json().id as string;
    // a fault answers 503 without acting; cancel the job first, as a first attempt that acted would have
    await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    sim.faults.add({ method: 'DELETE', path: `${JOBS}/${id}`, status: 503, times: 1 });
    const before = sim.requests.length;
    const r = await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    expect(r.code).toBe(0);
    expect(
      apiRequests(sim, before)
        .filter((q) => q.method === 'DELETE')
        .map((q) => q.status),
    ).toEqual([503, 400]);
  });
});
