// `custom-role list|get|create|update|delete` and `user create` checking roles against the
// project's custom roles, against the simulator (resources/custom-roles.ts).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { complete } from '../helpers/complete.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 });

const ROLES = `/api/atlas/v2/groups/${SEED.projectId}/customDBRoles/roles`;

describe('custom-role list and get', () => {
  it('list -o json prints the array as served', async () => {
    const r = await runCli(['custom-role', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual(await served(sim, ROLES));
    expect(r.json().map((x: { roleName: string }) => x.roleName)).toEqual(['salesAuditor', 'ordersAppender']);
  });

  it('list as a table: privileges and inherited roles in the syntax of --privilege and --inherit', async () => {
    const r = await runCli(['custom-roles', 'ls'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PRIVILEGES\s+INHERITS$/);
    expect(lines[1]).toMatch(/^salesAuditor\s+FIND,LIST_COLLECTIONS@sales\s*$/);
    expect(lines[2]).toMatch(/^ordersAppender\s+INSERT@sales\.orders\s+read@analytics$/);
  });

  it('get prints one role as served; an unknown one is 404 ATLAS_CUSTOM_ROLE_NOT_FOUND with a hint', async () => {
    const r = await runCli(['custom-role', 'get', 'ordersAppender', '-o', 'json'], { sim });
    expect(r.json()).toEqual(await served(sim, `${ROLES}/ordersAppender`));
    const missing = await runCli(['custom-role', 'get', 'nope'], { sim });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('404 ATLAS_CUSTOM_ROLE_NOT_FOUND: The specified custom db role nope does not exist.');
    expect(missing.stderr).toContain('atlascli custom-role list');
  });
});

describe('custom-role create', () => {
  it('merges privileges one entry per action (Atlas refuses an action twice: ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION) and prints the role', async () => {
    const before = sim.requests.length;
    const r = await runCli(
      [
        'custom-role',
        'create',
        'reader',
        '--privilege',
        'find,LIST_COLLECTIONS@sales',
        '--privilege',
        'FIND@sales.orders',
        '--privilege',
        'LIST_SESSIONS',
        '--inherit',
        'read@analytics',
        '-o',
        'json',
      ],
      { sim },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.body).toEqual({
      actions: [
        {
          action: 'FIND',
          resources: [
            { cluster: false, collection: '', db: 'sales' },
            { cluster: false, collection: 'orders', db: 'sales' },
          ],
        },
        { action: 'LIST_COLLECTIONS', resources: [{ cluster: false, collection: '', db: 'sales' }] },
        { action: 'LIST_SESSIONS', resources: [{ cluster: true, collection: '', db: '' }] },
      ],
      inheritedRoles: [{ db: 'analytics', role: 'read' }],
      roleName: 'reader',
    });
    expect(r.json()).toEqual(await served(sim, `${ROLES}/reader`));
  });

  // MongoDB Manual, "Privilege Actions" (mongodb.com/docs/manual/reference/privilege-actions),
  // Sharding Actions: enableSharding applies to a database or collection (enableSharding,
  // shardCollection) and to the cluster (shard zone operations); splitChunk to the cluster
  // (v7.0 and later pages). src/spec/privilege-actions.ts lists both for the cluster.
  it.each([
    ['enable-sharding', 'ENABLE_SHARDING'],
    ['SPLIT_CHUNK', 'SPLIT_CHUNK'],
  ])('--privilege %s alone is granted on the cluster resource, and with @db on the database, one entry for both', async (word, action) => {
    const before = sim.requests.length;
    const r = await runCli(['custom-role', 'create', 'shardAdmin', '--privilege', word, '--privilege', `${word}@sales`, '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => [q.method, q.path])).toEqual([['POST', ROLES]]);
    const role = {
      actions: [
        {
          action,
          resources: [
            { cluster: true, collection: '', db: '' },
            { cluster: false, collection: '', db: 'sales' },
          ],
        },
      ],
      inheritedRoles: [],
      roleName: 'shardAdmin',
    };
    expect(sent[0]!.body).toEqual(role);
    expect(r.json()).toEqual(role);
    expect(r.json()).toEqual(await served(sim, `${ROLES}/shardAdmin`));
  });

  it('a name taken: 409 from Atlas, with update as the hint', async () => {
    const r = await runCli(['custom-role', 'create', 'salesAuditor', '--privilege', 'FIND@x'], { sim });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('409 ATLAS_CUSTOM_ROLE_ALREADY_EXISTS');
    expect(r.stderr).toContain('atlascli custom-role update salesAuditor');
  });

  it.each([
    [['custom-role', 'create', 'r2', '--inherit', 'reed@db'], 'reed', 'did you mean read?'],
    [['custom-role', 'create', 'child', '--inherit', 'ghostRole@admin'], 'ghostRole', 'custom roles: salesAuditor, ordersAppender'],
    [['custom-role', 'update', 'salesAuditor', '--append', '--inherit', 'ordersApender@admin'], 'ordersApender', 'did you mean ordersAppender?'],
    [['custom-role', 'create', 'r2', '--inherit', 'reed@db', '--dry-run'], 'reed', 'did you mean read?'],
  ])(
    'an inherited role neither built in nor a custom role of the project (%j): exit 2 after one read of the custom roles, nothing written (Atlas: 400 ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE)',
    async (args, name, hint) => {
      const before = sim.requests.length;
      const r = await runCli(args, { sim });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`invalid --inherit "${args[args.indexOf('--inherit') + 1]}": ${name} is neither a built-in role nor a custom role of project ${SEED.projectId}`);
      expect(r.stderr).toContain(hint);
      expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${ROLES}`]);
    },
  );

  it('an inherited custom role of the project is checked with one read and sent; built-in ones need no read', async () => {
    const before = sim.requests.length;
    const r = await runCli(['custom-role', 'create', 'child', '--inherit', 'ordersAppender@admin', '--inherit', 'read@sales', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().inheritedRoles).toEqual([
      { db: 'admin', role: 'ordersAppender' },
      { db: 'sales', role: 'read' },
    ]);
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${ROLES}`, `POST ${ROLES}`]);
    const mid = sim.requests.length;
    expect((await runCli(['custom-role', 'create', 'child2', '--inherit', 'read@sales'], { sim })).code).toBe(0);
    expect(apiRequests(sim, mid).map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${ROLES}`]);
  });

  it('--dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['custom-role', 'create', 'x1', '--privilege', 'INSERT@app', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', body: { roleName: 'x1', actions: [{ action: 'INSERT' }] } });
    expect(sim.requests.length).toBe(before);
  });

  it.each([
    [['custom-role', 'create', 'r1'], /at least one --privilege or --inherit/],
    [['custom-role', 'create', 'r1', '--privilege', 'FINDD@sales'], /unknown action FINDD \(hint: did you mean FIND\?\)/],
    [['custom-role', 'create', 'r1', '--privilege', '@sales'], /an empty action/],
    [['custom-role', 'create', 'r1', '--privilege', 'FIND@'], /is not a database name/],
    [['custom-role', 'create', 'r1', '--privilege', 'FIND@sales.'], /empty collection name/],
    [['custom-role', 'create', 'r1', '--inherit', 'read'], /invalid --inherit "read"/],
    [['custom-role', 'create', 'r1', '--inherit', 'Read@sales'], /case-sensitive/],
    [['custom-role', 'create', 'bad name', '--privilege', 'FIND@x'], /invalid custom role name/],
    [['custom-role', 'create', 'readWrite', '--privilege', 'FIND@x'], /built-in role/],
    [['custom-role', 'create', 'xgen-a', '--privilege', 'FIND@x'], /reserved/],
    [['custom-role', 'update', 'salesAuditor'], /nothing to change/],
    // the cluster resource takes the actions MongoDB's "Privilege Actions" applies to it (src/spec/privilege-actions.ts)
    [
      ['custom-role', 'create', 'r4', '--privilege', 'FIND'],
      /invalid --privilege "FIND": FIND does not apply to the cluster \(no @db given\).*actions on the cluster: USE_UUID, .*LIST_SESSIONS, KILL_ANY_SESSION, .*SERVER_STATUS/,
    ],
    [['custom-role', 'update', 'salesAuditor', '--privilege', 'LIST_SESSIONS,insert,find'], /INSERT, FIND do not apply to the cluster.*INSERT@sales/],
    // same page, Sharding Actions: moveChunk applies to database or collection resources;
    // Server Administration Actions: compact too (its cluster grant, for autoCompact, is for
    // self-managed deployments only; the manual's "autoCompact" page: Atlas uses a built-in role)
    [['custom-role', 'create', 'r4', '--privilege', 'MOVE_CHUNK'], /invalid --privilege "MOVE_CHUNK": MOVE_CHUNK does not apply to the cluster \(no @db given\)/],
    [
      ['custom-role', 'create', 'r4', '--privilege', 'ENABLE_SHARDING,compact'],
      /invalid --privilege "ENABLE_SHARDING,compact": COMPACT does not apply to the cluster .*COMPACT@sales/,
    ],
    [['custom-role', 'get', 'a.b'], /invalid custom role name/],
  ])('bad input %j exits 2 before any request', async (args, message) => {
    await expectRefusedBeforeSending(sim, args, message);
  });
});

describe('custom-role update and delete', () => {
  it('update replaces the privileges; --append adds to them (reads the role first)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['custom-role', 'update', 'salesAuditor', '--privilege', 'FIND@sales', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => [q.method, q.body])).toEqual([
      ['PATCH', { actions: [{ action: 'FIND', resources: [{ cluster: false, collection: '', db: 'sales' }] }] }],
    ]);
    expect(r.json()).toEqual({ actions: [{ action: 'FIND', resources: [{ cluster: false, collection: '', db: 'sales' }] }], inheritedRoles: [], roleName: 'salesAuditor' });
    const mid = sim.requests.length;
    const a = await runCli(['custom-role', 'update', 'salesAuditor', '--append', '--privilege', 'FIND@crm', '-o', 'json'], { sim });
    expect(apiRequests(sim, mid).map((q) => q.method)).toEqual(['GET', 'PATCH']);
    expect(a.json().actions).toEqual([
      {
        action: 'FIND',
        resources: [
          { cluster: false, collection: '', db: 'sales' },
          { cluster: false, collection: '', db: 'crm' },
        ],
      },
    ]);
  });

  it('update making a cycle: 400 ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY', async () => {
    expect((await runCli(['custom-role', 'create', 'childRole', '--inherit', 'salesAuditor@admin'], { sim })).code).toBe(0);
    const r = await runCli(['custom-role', 'update', 'salesAuditor', '--inherit', 'childRole@admin'], { sim });
    expect(r.stderr).toContain('400 ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY');
  });

  it('delete asks first (--force in scripts); --if-exists makes a missing role exit 0', async () => {
    const r = await runCli(['custom-role', 'delete', 'salesAuditor', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ roleName: 'salesAuditor', deleted: true });
    expect((await served(sim, ROLES)).map((x: { roleName: string }) => x.roleName)).toEqual(['ordersAppender']);
    const again = await runCli(['custom-role', 'delete', 'salesAuditor', '--force', '--if-exists'], { sim });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('custom role salesAuditor does not exist: nothing to delete (--if-exists)');
    const noForce = await runCli(['custom-role', 'delete', 'ordersAppender'], { sim });
    expect(noForce.code).toBe(2);
  });

  it("delete of a role that is a user's only role: Atlas refuses (spec: deleteGroupCustomDbRoleRole), the hint names user update", async () => {
    const u = await runCli(['user', 'create', 'only-custom', '--role', 'salesAuditor@admin', '--password-stdin'], { sim, stdin: 'a-long-Passw0rd-1' });
    expect(u.code).toBe(0);
    const r = await runCli(['custom-role', 'delete', 'salesAuditor', '--force'], { sim });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('409 ATLAS_CUSTOM_ROLE_IN_USE');
    expect(r.stderr).toContain('atlascli user update');
  });
});

describe('user create with custom roles (the trust issue)', () => {
  it('a custom role created here is known to user create at once: one list request checks it, the user is created', async () => {
    expect((await runCli(['custom-role', 'create', 'appRole', '--privilege', 'FIND@app'], { sim })).code).toBe(0);
    const before = sim.requests.length;
    const r = await runCli(['user', 'create', 'app1', '--role', 'appRole@admin', '--password-stdin', '-o', 'json'], { sim, stdin: 'a-long-Passw0rd-1' });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before).map((q) => `${q.method} ${q.path}`);
    expect(sent.filter((s) => s.endsWith('/customDBRoles/roles'))).toHaveLength(1);
    expect(r.json().roles).toEqual([{ databaseName: 'admin', roleName: 'appRole' }]);
  });

  it('once deleted, the role is refused by user create before anything is written (exit 2)', async () => {
    expect((await runCli(['custom-role', 'create', 'goneRole', '--privilege', 'FIND@app'], { sim })).code).toBe(0);
    expect((await runCli(['custom-role', 'delete', 'goneRole', '--force'], { sim })).code).toBe(0);
    const before = sim.requests.length;
    const r = await runCli(['user', 'create', 'app2', '--role', 'goneRole@admin', '--password-stdin'], { sim, stdin: 'a-long-Passw0rd-1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`goneRole is neither a built-in role nor a custom role of project ${SEED.projectId}`);
    expect(apiRequests(sim, before).every((q) => q.method === 'GET')).toBe(true);
  });
});

describe('completion', () => {
  it("--privilege offers the spec's actions, after what is typed up to the last comma", async () => {
    expect(await complete(['custom-role', 'create', 'r', '--privilege', 'LIST_C'], { sim })).toEqual(['LIST_COLLECTIONS', 'LIST_CONNECTIONS']);
    expect(await complete(['custom-role', 'create', 'r', '--privilege', 'FIND,INS'], { sim })).toEqual(['FIND,INSERT']);
    expect(await complete(['custom-role', 'update', 'r', '--inherit', 'readAny'], { sim })).toEqual(['readAnyDatabase@admin']);
  });

  it("--inherit and user --role offer the built-in roles and the project's custom roles as role@admin (listGroupCustomDbRoleRoles)", async () => {
    expect(await complete(['custom-role', 'create', 'r', '--inherit', 'ord'], { sim })).toEqual(['ordersAppender@admin']);
    const before = sim.requests.length;
    const all = await complete(['user', 'create', 'app', '--role', ''], { sim });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${ROLES}`]);
    expect([...all].sort()).toEqual(
      [
        'read@',
        'readWrite@',
        'dbAdmin@',
        ...['atlasAdmin', 'readAnyDatabase', 'readWriteAnyDatabase', 'dbAdminAnyDatabase', 'clusterMonitor', 'backup', 'enableSharding'].map((r) => `${r}@admin`),
        'salesAuditor@admin',
        'ordersAppender@admin',
      ].sort(),
    );
    // a role created here is offered at once, to every option that takes a role
    expect((await runCli(['custom-role', 'create', 'appRole', '--privilege', 'FIND@app'], { sim })).code).toBe(0);
    expect(await complete(['user', 'update', 'app-user', '--add-role', 'app'], { sim })).toEqual(['appRole@admin']);
    expect(await complete(['cluster', 'connect', 'Cluster0', '--role', 'app'], { sim })).toEqual(['appRole@admin']);
  });

  it("get, update and delete complete the project's custom roles (listGroupCustomDbRoleRoles)", async () => {
    expect(await complete(['custom-role', 'delete', ''], { sim })).toEqual(['ordersAppender', 'salesAuditor']);
    expect(await complete(['custom-roles', 'get', 'sal'], { sim })).toEqual(['salesAuditor']);
  });
});

describe('a lost answer', () => {
  it.each([
    [['custom-role', 'create', 'lostRole', '--privilege', 'FIND@x'], 'POST', '/customDBRoles/roles$', 'atlascli custom-role get lostRole'],
    [['custom-role', 'update', 'salesAuditor', '--privilege', 'FIND@x'], 'PATCH', '/customDBRoles/roles/salesAuditor$', 'atlascli custom-role get salesAuditor'],
    [['cluster', 'upgrade', 'FreeCluster', '--tier', 'M10', '-p', SEED.stagingProjectId], 'POST', '/tenantUpgrade$', 'atlascli cluster get FreeCluster'],
  ])('to a write of %j names the command that shows whether it happened (exit 7, sent once)', async (args, method, path, check) => {
    sim.faults.add({ method, pathRegex: path, malformed: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(args, { sim });
    sim.faults.clear();
    expect(r.code).toBe(7);
    expect(r.stderr).toContain(`(hint: check with \`${check}\` before trying again)`);
    expect(apiRequests(sim, before).filter((q) => q.method === method)).toHaveLength(1);
  });
});

describe('user update with a custom role', () => {
  it('--add-role of a role created here is checked with one list request and sent', async () => {
    expect((await runCli(['custom-role', 'create', 'addedRole', '--privilege', 'FIND@app'], { sim })).code).toBe(0);
    const before = sim.requests.length;
    const r = await runCli(['user', 'update', 'app-user', '--add-role', 'addedRole@admin', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).filter((q) => q.path.endsWith('/customDBRoles/roles'))).toHaveLength(1);
    expect(r.json().roles).toContainEqual({ databaseName: 'admin', roleName: 'addedRole' });
  });
});
