/**
 * Scripts written for python-atlasapi's `atlascli` keep working. That tool's argparse
 * (mgmonteleone/python-atlasapi, atlascli/cli.py): `--publickey`, `--privatekey`,
 * `--atlasgroup`, `--format short|full` (default short), `--resource
 * organization|project|cluster` (default cluster), `--id` ("Specify a resource id"; for a
 * cluster its name) and `--list`. Each runs the matching `org|project|cluster list|get`,
 * with one note on stderr naming the new form, never on stdout.
 */
import { describe, expect, it } from 'vitest';
import { legacyArgv } from '../../src/program/legacy.js';
import { UsageError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

const run = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { sim, env });

describe('the old --resource form', () => {
  it.each([
    [['--resource', 'cluster', '--list'], ['cluster', 'list'], 'atlascli cluster list'],
    [['--list'], ['cluster', 'list'], 'atlascli cluster list'],
    [['--resource', 'cluster', '--list', '--id', 'Cluster0'], ['cluster', 'get', 'Cluster0'], 'atlascli cluster get Cluster0'],
    [['--resource', 'project', '--list'], ['project', 'list'], 'atlascli project list'],
    [['--resource=organization', '--list'], ['org', 'list'], 'atlascli org list'],
  ])('%j runs %j', async (old, now, newForm) => {
    const before = sim.requests.length;
    const r = await run([...old, '-o', 'json']);
    const oldRequests = apiRequests(sim, before).map((q) => `${q.method} ${q.path}`);
    const after = sim.requests.length;
    const expected = await run([...now, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(expected.json());
    expect(oldRequests).toEqual(apiRequests(sim, after).map((q) => `${q.method} ${q.path}`));
    expect(r.stderr).toBe(`atlascli: note: this is the old atlascli's form; the new one is: ${newForm}\n`);
    expect(expected.stderr).toBe('');
  });

  it('--id of an organization or project is its id', async () => {
    const org = await run(['--resource', 'organization', '--id', sim.credentials.orgId, '-o', 'json']);
    expect(org.code).toBe(0);
    expect(org.json().id).toBe(sim.credentials.orgId);
    expect(org.stderr).toMatch(new RegExp(`the new one is: atlascli org get ${sim.credentials.orgId}\\n$`));
    const project = await run(['--resource', 'project', '--id', sim.credentials.projectId, '--list']);
    expect(project.code).toBe(0);
    expect(project.stdout).toMatch(/^ID\tNAME\t/);
    expect(project.stdout).toContain(sim.credentials.projectId);
  });

  it('--format short|full is the global option of the same name', async () => {
    const short = await run(['--resource', 'cluster', '--list', '--format', 'short']);
    const full = await run(['--resource', 'cluster', '--list', '--format', 'full']);
    expect(short.code).toBe(0);
    expect(full.code).toBe(0);
    expect(short.stdout).toBe((await run(['cluster', 'list', '--format', 'short'])).stdout);
    expect(full.stdout).toBe((await run(['cluster', 'list', '--format', 'full'])).stdout);
    expect(full.stdout.split('\n')[0]!.length).toBeGreaterThan(short.stdout.split('\n')[0]!.length);
  });

  it('the old flags --publickey, --privatekey, --atlasgroup carry the credentials and the project; the note names the new flags, never the secret', async () => {
    const c = sim.credentials;
    const before = sim.requests.length;
    const r = await run(['--publickey', c.publicKey, '--privatekey', c.privateKey, '--atlasgroup', c.projectId, '--list', '-o', 'json'], {
      ATLAS_PUBLIC_KEY: undefined,
      ATLAS_PRIVATE_KEY: undefined,
      ATLAS_PROJECT_ID: undefined,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().map((x: { name: string }) => x.name)).toContain('Cluster0');
    expect(apiRequests(sim, before).some((q) => q.path === `/api/atlas/v2/groups/${c.projectId}/clusters`)).toBe(true);
    expect(r.stderr).toBe(
      "atlascli: note: this is the old atlascli's form; the new one is: atlascli cluster list (--publickey is now --public-key, --privatekey is now --private-key, --atlasgroup is now --project)\n",
    );
    expect(r.stderr).not.toContain(c.privateKey);
    expect(r.stdout).not.toContain('note');
  });

  it('the old flags work with the new commands too, with a note', async () => {
    const c = sim.credentials;
    const r = await run(['project', 'get', '--publickey', c.publicKey, `--privatekey=${c.privateKey}`, '-o', 'json'], {
      ATLAS_PUBLIC_KEY: undefined,
      ATLAS_PRIVATE_KEY: undefined,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().id).toBe(c.projectId);
    expect(r.stderr).toBe('atlascli: note: --publickey is now --public-key, --privatekey is now --private-key\n');
    // --atlasgroup is the contract's own alias of --project: no note with a new command
    const alias = await run(['cluster', 'list', '--atlasgroup', c.projectId, '-o', 'json'], { ATLAS_PROJECT_ID: undefined });
    expect(alias.code).toBe(0);
    expect(alias.stderr).toBe('');
  });

  it('a failure is the one error line on stderr (the note would come only after a success)', async () => {
    const r = await run(['--resource', 'cluster', '--id', 'nosuch', '-o', 'json']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr).error.status).toBe(404);
  });

  it('a bad --resource, or the old form beside a command, exits 2 and sends nothing', async () => {
    const before = sim.requests.length;
    const bad = await run(['--resource', 'clusters', '--list']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('atlascli: invalid --resource "clusters" (hint: use one of: organization, project, cluster)\n');
    const both = await run(['--resource', 'cluster', 'cluster', 'list']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^atlascli: --resource, --list and --id are the old atlascli's form/);
    const missing = await run(['--id']);
    expect(missing.code).toBe(2);
    expect(apiRequests(sim, before)).toHaveLength(0);
  });
});

describe('legacyArgv', () => {
  const takes = new Set(['-o', '--output', '-p', '--project', '--format']);

  it('leaves a new command line alone', () => {
    expect(legacyArgv(['cluster', 'list', '-o', 'json'], takes)).toEqual({ argv: ['cluster', 'list', '-o', 'json'] });
    expect(legacyArgv([], takes)).toEqual({ argv: [] });
  });

  it('takes option values for what they are, not command words', () => {
    expect(legacyArgv(['-o', 'json', '--list', '--format', 'full'], takes).argv).toEqual(['-o', 'json', '--format', 'full', 'cluster', 'list']);
    expect(legacyArgv(['--publickey', 'list', '--list'], takes).argv).toEqual(['--public-key', 'list', 'cluster', 'list']);
  });

  it('never rewrites what follows --', () => {
    const r = legacyArgv(['whitelist', 'exec', '--current-ip', '--', 'tool', '--publickey', 'x'], takes);
    expect(r.argv).toEqual(['whitelist', 'exec', '--current-ip', '--', 'tool', '--publickey', 'x']);
    expect(r.notice).toBeUndefined();
  });

  it('quotes an id that needs it in the new form', () => {
    expect(legacyArgv(['--id', "it's", '--list'], takes).notice).toMatch(/atlascli cluster get 'it'\\''s'$/);
    expect(() => legacyArgv(['--list=yes'], takes)).toThrow(UsageError);
  });
});
