/**
 * One meaning per exit code (issue 17; contract, "Additions": Exit codes): "already exists"
 * is exit 5 for every resource, whether Atlas answers 400 or 409, decided from the errorCode
 * in the one place that maps errors to exit codes (src/errors.ts); a DUPLICATE_* code that
 * names a repetition inside the request is bad input (exit 1), not a conflict. Every code the
 * program exits with is in the one table (`help exit-codes`, the README), written by name.
 *
 * Atlas's statuses come from MongoDB's error-code list (mongodb.com/docs/atlas/reference/
 * api-errors; source mongodb/docs content/atlas/source/reference/api-errors.txt):
 * DUPLICATE_CLUSTER_NAME 400 "A cluster named %s is already present in group %s.",
 * DUPLICATE_CLUSTER_NAME_PREFIX 400, DUPLICATE_POLICY_NAME 400, GROUP_ALREADY_EXISTS 409,
 * ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS 409, DUPLICATE_ADDRESSES_IN_INPUT 400 "Two or more
 * of the IP addresses being added to the whitelist are the same."
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODES, SIGNAL_EXIT, exitCodeForAnswer, isAlreadyExists } from '../../src/errors.js';
import { apiRequests } from '../helpers/atlas.js';
import { runCli } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

let G: string;
const sim = sharedSimulator({ port: 0, stepMs: 50 });
beforeAll(() => {
  G = `/api/atlas/v2/groups/${sim.credentials.projectId}`;
});

/** Runs the CLI; returns its result and the API requests the simulator answered meanwhile. */
async function run(args: string[], stdin?: string) {
  const before = sim.requests.length;
  const r = await runCli(args, { sim, stdin });
  return { ...r, sent: apiRequests(sim, before) };
}

describe('"already exists" is exit 5 for every resource, whether Atlas answers 400 or 409', () => {
  it('cluster create of an existing name: Atlas answers 400 DUPLICATE_CLUSTER_NAME, exit 5', async () => {
    const r = await run(['cluster', 'create', 'Cluster0']);
    expect(r.code).toBe(EXIT.conflict);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `atlascli: POST ${G}/clusters failed: 400 DUPLICATE_CLUSTER_NAME: A cluster named Cluster0 is already present in group ${sim.credentials.projectId}. (hint: pick another name, or update the existing cluster with \`atlascli cluster update\`)\n`,
    );
    expect(r.sent.filter((q) => q.method === 'POST').map((q) => [q.path, q.status])).toEqual([[`${G}/clusters`, 400]]);
  });

  it('a Flex cluster of an existing name (400 DUPLICATE_CLUSTER_NAME) and a name whose host prefix is taken (400 DUPLICATE_CLUSTER_NAME_PREFIX): exit 5', async () => {
    let r = await run(['cluster', 'create', 'Cluster0', '--tier', 'FLEX']);
    expect([r.code, r.stdout]).toEqual([5, '']);
    expect(r.stderr).toMatch(/^atlascli: POST \S+\/flexClusters failed: 400 DUPLICATE_CLUSTER_NAME: /);
    expect(r.sent.filter((q) => q.method === 'POST').map((q) => q.status)).toEqual([400]);

    // the first 23 characters name the hosts: a second cluster may not share them
    r = await run(['cluster', 'create', 'analytics-eu-west-primary-a']);
    expect(r.code).toBe(0);
    r = await run(['cluster', 'create', 'analytics-eu-west-primary-b', '-o', 'json']);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        status: 400,
        errorCode: 'DUPLICATE_CLUSTER_NAME_PREFIX',
        detail: 'Cluster name analytics-eu-west-primary-b cannot have same first 23 characters as another cluster name in same group.',
      },
    });
  });

  it('user create of an existing user (409 DUPLICATE_DATABASE_USER) and project create of an existing name (409 GROUP_ALREADY_EXISTS): exit 5', async () => {
    const arn = 'arn:aws:iam::123456789012:role/dup';
    expect((await run(['user', 'create', arn, '--aws-iam', 'ROLE', '--role', 'read@sales'])).code).toBe(0);
    let r = await run(['user', 'create', arn, '--aws-iam', 'ROLE', '--role', 'read@sales']);
    expect([r.code, r.stdout]).toEqual([5, '']);
    expect(r.stderr).toMatch(/ failed: 409 DUPLICATE_DATABASE_USER: A user with username arn:aws:iam::123456789012:role\/dup already exists\.\n$/);
    expect(r.sent.filter((q) => q.method === 'POST').map((q) => q.status)).toEqual([409]);

    expect((await run(['project', 'create', 'dup-project'])).code).toBe(0);
    r = await run(['project', 'create', 'dup-project']);
    expect([r.code, r.stdout]).toEqual([5, '']);
    expect(r.stderr).toMatch(/ failed: 409 GROUP_ALREADY_EXISTS: A group with name "dup-project" already exists\. \(hint: a project with this name exists/);
  });

  it('api <operationId> maps the answer the same way: createGroupCluster of an existing name exits 5', async () => {
    const body = JSON.stringify({
      name: 'Cluster0',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
    });
    const r = await run(['api', 'createGroupCluster', '--body', '-', '-o', 'json'], body);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr).error).toMatchObject({ status: 400, errorCode: 'DUPLICATE_CLUSTER_NAME' });
    expect(r.sent.map((q) => [q.method, q.status])).toEqual([['POST', 400]]);
  });

  it('codes of that kind the simulator does not model (injected as Atlas would answer them): 400 DUPLICATE_POLICY_NAME and 409 ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS exit 5', async () => {
    // createOrgResourcePolicy / createGroupCustomDbRoleRole: Atlas's answers from the error-code list
    const org = `/api/atlas/v2/orgs/${sim.credentials.orgId}`;
    sim.faults.add({ method: 'POST', path: `${org}/resourcePolicies`, status: 400, errorCode: 'DUPLICATE_POLICY_NAME', times: 1 });
    let r = await run(['api', 'createOrgResourcePolicy', '--body', '-'], '{"name":"p","policies":[{"body":"forbid (principal, action, resource);"}]}');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/ failed: 400 DUPLICATE_POLICY_NAME/);
    expect(r.sent.map((q) => [q.method, q.status])).toEqual([['POST', 400]]);

    sim.faults.add({ method: 'POST', path: `${G}/customDBRoles/roles`, status: 409, errorCode: 'ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS', times: 1 });
    r = await run(
      ['api', 'createGroupCustomDbRoleRole', '--body', '-'],
      '{"roleName":"auditor","actions":[{"action":"FIND","resources":[{"cluster":false,"db":"sales","collection":""}]}]}',
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/ failed: 409 ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS/);
  });

  it('a repetition inside the request is bad input, not a conflict: 400 DUPLICATE_ADDRESSES_IN_INPUT exits 1', async () => {
    sim.faults.add({ method: 'POST', path: `${G}/accessList`, status: 400, errorCode: 'DUPLICATE_ADDRESSES_IN_INPUT', times: 1 });
    const r = await run(['whitelist', 'add', '203.0.113.7']);
    expect(r.code).toBe(EXIT.failure);
    expect(r.stderr).toMatch(/ failed: 400 DUPLICATE_ADDRESSES_IN_INPUT/);
    expect(r.sent.filter((q) => q.method === 'POST').map((q) => q.status)).toEqual([400]);
  });

  it("the mapping, code by code, for the kinds of Atlas's error list", () => {
    const conflict = [
      'DUPLICATE_CLUSTER_NAME',
      'DUPLICATE_CLUSTER_NAME_PREFIX',
      'DUPLICATE_GLOBAL_WHITELIST_ENTRY',
      'DUPLICATE_MANAGED_NAMESPACE',
      'DUPLICATE_MONGODB_BUILD_NAME',
      'DUPLICATE_POLICY_NAME',
      'ATLAS_FTS_DUPLICATE_INDEX',
      'PHYSICAL_HOST_ALREADY_EXISTS',
      'HOST_ALREADY_EXISTS_IN_ANOTHER_PHSYICAL_HOST',
      'DUPLICATE_DATABASE_USER',
    ];
    for (const code of conflict) expect([code, exitCodeForAnswer(400, code)]).toEqual([code, 5]);
    for (const code of ['GROUP_ALREADY_EXISTS', 'USER_ALREADY_EXISTS', 'PEER_ALREADY_EXISTS_GCP', 'CLUSTER_ALREADY_PAUSED']) {
      expect([code, exitCodeForAnswer(409, code)]).toEqual([code, 5]);
    }
    const input = ['DUPLICATE_ADDRESSES_IN_INPUT', 'DUPLICATE_DATABASE_ROLES', 'DUPLICATE_ROLE_ENTRY_IN_LDAP_MAPPING', 'DUPLICATE_ZONE_NAME', 'ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION'];
    for (const code of input) expect([code, isAlreadyExists(code), exitCodeForAnswer(400, code)]).toEqual([code, false, 1]);
    // Atlas's error-code list answers some missing things with 400: not found all the same (exit 4)
    for (const code of ['API_KEY_NOT_FOUND', 'BACKUP_JOB_NOT_FOUND']) expect([code, exitCodeForAnswer(400, code)]).toEqual([code, 4]);
    // the status decides everything else: a 403 about existing users stays an authorization failure
    expect(exitCodeForAnswer(403, 'CANNOT_CREATE_FIRST_USER_USERS_ALREADY_EXIST')).toBe(3);
    expect(exitCodeForAnswer(400, 'CLUSTER_ALREADY_REQUESTED_DELETION')).toBe(1);
    expect(exitCodeForAnswer(404, 'DUPLICATE_CLUSTER_NAME')).toBe(4);
  });
});

describe('every exit code is declared once, in the table', () => {
  it('the README lists exactly the codes of the table, and 5 says "already exists" for 400 and 409', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = /\n## Exit codes\n([^]*?)\n## /.exec(readme)![1]!;
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]!] as const);
    expect(rows.map(([code]) => code)).toEqual(EXIT_CODES.map((e) => e.code));
    expect(rows.find(([code]) => code === 5)![1]).toMatch(/already exists.*400 or 409/);
    expect(rows.find(([code]) => code === 127)![1]).toMatch(/`whitelist exec`, `cluster connect`: the command to run was not found/);
  });

  it('127 (a command that cannot run) and the signal codes are entries of the table', () => {
    expect(EXIT.commandNotFound).toBe(127);
    expect(SIGNAL_EXIT).toEqual({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 });
    for (const code of Object.values(SIGNAL_EXIT)) expect(EXIT_CODES.map((e) => e.code)).toContain(code);
  });

  it('no source file passes an exit code as a bare number', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    // the simulator (src/simulator/) is the fake Atlas, not the CLI
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? (p === join(src, 'simulator') ? [] : files(p)) : p.endsWith('.ts') ? [p] : [];
      });
    const found: string[] = [];
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      // an error built with a numeric exit code, or an exit code taken or set as a number
      const bare = /new (?:CliError|[A-Z]\w*Error)\((?:[^()]|\([^()]*\))*?,\s*(\d+)\s*\)|exitCode\s*(?:[:=]|\?\?|:\s*[^,;]*\?)\s*(\d+)\b|\.exitCode\s*:\s*(\d+)\b/g;
      for (const m of text.matchAll(bare)) found.push(`${file.slice(src.length + 1)}: ${m[0].replace(/\s+/g, ' ').slice(-60)}`);
      // what main() returns and an interrupt hook returns are exit codes too
      const main = /export async function main\([^]*?\n\}\n/.exec(text)?.[0] ?? '';
      const hooks = [...text.matchAll(/onInterrupt\((?:async )?\([^)]*\) => \{[^]*?\n {0,4}\}\);?\n/g)].map((m) => m[0]).join('\n');
      for (const m of `${main}\n${hooks}`.matchAll(/return\s+\d+\s*;|return[^;\n]*\?\s*\d+\s*:|return[^;\n?]*\?[^;\n]*:\s*\d+\s*;/g)) {
        found.push(`${file.slice(src.length + 1)}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
