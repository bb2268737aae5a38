import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const PROJECT = 'b0123456789abcdef012345b';
const USERS = `/api/atlas/v2/groups/${PROJECT}/databaseUsers`;
const SECRET = 'Sup3r-Secret-Pass!';

const sim = sharedSimulator({ port: 0, stepMs: 50 });

describe('user', () => {
  it('list -o json prints every user as served; the table is username, auth db, roles, scopes, expires', async () => {
    let r = await runCli(['user', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, USERS));
    r = await runCli(['user', 'list'], { sim });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+AUTH DB\s+ROLES\s+SCOPES\s+EXPIRES$/);
    expect(r.stdout).toMatch(/analytics-ro\s+admin\s+read@analytics, read@sales\.orders\.2024\s+cluster:Cluster0/);
  });

  it('get encodes a username with : and / in the path and finds an ARN user on $external', async () => {
    const name = 'arn:aws:iam::123456789012:role/app-role';
    const before = sim.requests.length;
    const r = await runCli(['user', 'get', name, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before)[0]!.path).toBe(`${USERS}/%24external/arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp-role`);
    expect(r.json()).toEqual(await served(sim, `${USERS}/%24external/${encodeURIComponent(name)}`));
  });

  it('a missing user exits 4, naming the other auth database', async () => {
    const r = await runCli(['user', 'get', 'nobody'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/404 USERNAME_NOT_FOUND: No user with username nobody exists\. \(hint: .*--auth-db '\$external'/);
  });

  it('create --password-stdin: the password goes in the body only, never to stdout, stderr or --debug', async () => {
    const before = sim.requests.length;
    const r = await runCli(
      [
        'user',
        'create',
        'ci-user',
        '--role',
        'read@sales.orders.2024',
        '--role',
        'readWrite@app',
        '--password-stdin',
        '--ttl',
        '2h',
        '--scope',
        'cluster:Cluster0',
        '--debug',
        '-o',
        'json',
      ],
      {
        sim,
        stdin: `${SECRET}\n`,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).toMatch(/\[debug\] > POST /);
    const post = apiRequests(sim, before).find((q) => q.method === 'POST')!;
    expect(post.body).toMatchObject({
      username: 'ci-user',
      databaseName: 'admin',
      groupId: PROJECT,
      password: SECRET,
      roles: [
        { roleName: 'read', databaseName: 'sales', collectionName: 'orders.2024' },
        { roleName: 'readWrite', databaseName: 'app' },
      ],
      scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
    });
    expect(r.json()).toMatchObject({ username: 'ci-user', deleteAfterDate: (post.body as { deleteAfterDate: string }).deleteAfterDate });
    expect(r.json()).not.toHaveProperty('password');
  });

  it('create --generate-password prints the password once, on stdout only', async () => {
    const r = await runCli(['user', 'create', 'gen-user', '--role', 'readWrite@sales', '--generate-password', '--debug', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(r.stderr).not.toContain(doc.password);
    expect(r.stderr).toMatch(/shown only this once/);
  });

  it('create without a password source and no terminal exits 2, sending nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['user', 'create', 'u1', '--role', 'read@s'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no password: there is no terminal to ask on/);
    expect(sim.requests.length).toBe(before);
  });

  it('create an AWS IAM role user on $external; a duplicate exits 5', async () => {
    const arn = 'arn:aws:iam::123456789012:role/etl';
    let r = await runCli(['user', 'create', arn, '--aws-iam', 'ROLE', '--role', 'readWrite@sales', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ username: arn, databaseName: '$external', awsIAMType: 'ROLE' });
    r = await runCli(['user', 'create', arn, '--aws-iam', 'ROLE', '--role', 'readWrite@sales'], { sim });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/409 DUPLICATE_DATABASE_USER/);
  });

  it('a custom role is granted on admin (its name alone); update --add-role/--remove-role keep the other roles and send only what changed', async () => {
    let r = await runCli(['user', 'update', 'app-user', '--add-role', 'salesAuditor', '--add-role', 'read@analytics', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().roles).toEqual([
      { databaseName: 'sales', roleName: 'readWrite' },
      { databaseName: 'admin', roleName: 'salesAuditor' },
      { databaseName: 'analytics', roleName: 'read' },
    ]);
    const before = sim.requests.length;
    r = await runCli(['user', 'update', 'app-user', '--remove-role', 'readWrite@sales', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const patch = apiRequests(sim, before).find((q) => q.method === 'PATCH')!;
    expect(patch.path).toBe(`${USERS}/admin/app-user`);
    // the spec requires username, databaseName, groupId and roles in every body; nothing else changed
    expect(patch.body).toEqual({
      username: 'app-user',
      databaseName: 'admin',
      groupId: PROJECT,
      roles: [
        { databaseName: 'admin', roleName: 'salesAuditor' },
        { databaseName: 'analytics', roleName: 'read' },
      ],
    });
  });

  it('a custom role on another database than admin exits 2 before anything is written: Atlas answers 400 UNSUPPORTED_ROLE (terraform-provider-mongodbatlas#728)', async () => {
    for (const [args, flag, value] of [
      [['user', 'create', 'auditor', '--role', 'salesAuditor@sales', '--generate-password'], '--role', 'salesAuditor@sales'],
      [['user', 'update', 'app-user', '--add-role', 'salesAuditor@sales.orders'], '--add-role', 'salesAuditor@sales.orders'],
    ] as const) {
      const before = sim.requests.length;
      const r = await runCli([...args], { sim });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `atlascli: invalid ${flag} "${value}": salesAuditor is a custom role, granted on the admin database only (its privileges name the databases it reaches) (hint: use ${flag} salesAuditor)\n`,
      );
      // only the project's custom roles were read
      expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path.replace(/.*\/groups\/[^/]+/, '')}`)).toEqual(['GET /customDBRoles/roles']);
    }
    // name@admin is the same as the name alone
    const r = await runCli(['user', 'create', 'auditor', '--role', 'salesAuditor@admin', '--generate-password', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"roleName": "salesAuditor"');
    // on admin, alone: what the name alone sends
    expect(r.json().body.roles).toEqual([{ databaseName: 'admin', roleName: 'salesAuditor' }]);
  });

  it('update --password-stdin changes the password without printing it, also with --debug and --dry-run', async () => {
    let r = await runCli(['user', 'update', 'app-user', '--password-stdin', '--dry-run', '--debug'], { sim, stdin: SECRET });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout).toMatch(/"password": "\*{8}"/);
    const before = sim.requests.length;
    r = await runCli(['user', 'update', 'app-user', '--password-stdin', '--debug', '-o', 'json'], { sim, stdin: SECRET });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect((apiRequests(sim, before).find((q) => q.method === 'PATCH')!.body as { password: string }).password).toBe(SECRET);
  });

  it('delete asks, refuses without a terminal, deletes with --force', async () => {
    let r = await runCli(['user', 'delete', 'app-user'], { sim });
    expect(r.code).toBe(2);
    const before = sim.requests.length;
    r = await runCli(['user', 'delete', 'app-user', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ username: 'app-user', databaseName: 'admin', deleted: true });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([`DELETE ${USERS}/admin/app-user`]);
  });

  it('bad input exits 2 with one line and sends nothing', async () => {
    const cases: Array<[string[], RegExp, string?]> = [
      [['user', 'create', 'u', '--role', 'readAnyDatabase@sales', '--generate-password'], /exists on the admin database only/],
      [['user', 'create', 'u', '--role', 'readwrite@sales', '--generate-password'], /case-sensitive/],
      [['user', 'create', 'u', '--generate-password'], /at least one --role/],
      [['user', 'create', 'u', '--role', 'read@s', '--generate-password', '--ttl', '8d'], /at most one week/],
      [['user', 'create', 'u', '--role', 'read@s', '--generate-password', '--delete-after', '2020-01-01'], /not in the future/],
      [['user', 'create', 'u', '--role', 'read@s', '--generate-password', '--scope', 'Cluster0'], /invalid --scope/],
      [['user', 'create', 'u', '--role', 'read@s', '--aws-iam', 'USER'], /for --aws-iam/],
      [['user', 'create', 'u', '--role', 'read@s', '--x509', 'MANAGED', '--ttl', '1h'], /x.509 users cannot be temporary/],
      [['user', 'create', 'u', '--role', 'read@s', '--password-stdin'], /too short/, 'short'],
      [['user', 'create', 'u', '--role', 'read@s', '--password-stdin'], /--password-stdin read nothing from stdin/, ''],
      [['user', 'update', 'u'], /nothing to change/],
      [['user', 'update', 'u', '--role', 'read@s', '--add-role', 'read@t'], /--role replaces every role/],
      [['user', 'get', 'u', '--auth-db', 'local'], /invalid --auth-db/],
      [['user', 'create', 'u', '--role', 'read@s', '--password', 'x'], /unknown option '--password'/],
      // the generated password is its only copy: output that would drop it is refused
      [['user', 'create', 'u', '--role', 'read@s', '--generate-password', '--fields', 'username'], /--fields must include it/],
    ];
    for (const [args, msg, stdin] of cases) {
      const before = sim.requests.length;
      const r = await runCli(args, { sim, stdin });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(sim.requests.length, args.join(' ')).toBe(before);
    }
  });
});
