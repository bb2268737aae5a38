// `team …` and `project teams add|remove`, end to end against the simulator: exact JSON as
// served, tables, the requests sent (and that bad input sends none), failure states with
// Atlas's error codes (their sources: test/simulator/teams.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROLES } from '../../src/spec/project-roles.js';
import { SEED } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { complete } from '../helpers/complete.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, clock: 'manual' });

const ORG = `/api/atlas/v2/orgs/${SEED.orgId}`;
const DBA = SEED.teams.dba;
const DEVS = SEED.teams.developers;

/** The API requests since `from`, as `METHOD operationId`. */
const sent = (from: number) => apiRequests(sim, from).map((r) => `${r.method} ${r.operationId}`);

/** Runs the CLI and expects exit 2, one line on stderr matching `message`, nothing on stdout, and no request. */
async function refused(argv: string[], message: RegExp): Promise<void> {
  const before = sim.requests.length;
  const r = await runCli(argv, { sim });
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(sim.requests.length).toBe(before);
}

describe('team list and get', () => {
  it('list -o json prints the teams as served; the table shows id and name', async () => {
    const r = await runCli(['team', 'list', '-o', 'json'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual(await servedAll(sim, `${ORG}/teams`));
    const table = await runCli(['teams', 'ls'], { sim });
    expect(table.stdout).toBe(`ID\tNAME\n${DBA}\tdba-team\n${DEVS}\tdevelopers\n`);
  });

  it('--org takes the organization by name (the names mechanism), then lists its teams', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'list', '--org', SEED.orgName, '-o', 'json'], { sim, env: { ATLAS_ORG_ID: undefined } });
    expect(r.code).toBe(0);
    expect(r.json().map((t: any) => t.name)).toEqual(['dba-team', 'developers']);
    expect(sent(from)).toEqual(['GET listOrgs', 'GET listOrgTeams']);
  });

  it('get by name is one getOrgTeamByName; by id one getOrgTeam; both print the team as served', async () => {
    const doc = await served(sim, `${ORG}/teams/${DBA}`);
    let from = sim.requests.length;
    const byName = await runCli(['team', 'get', 'dba-team', '-o', 'json'], { sim });
    expect(byName.json()).toEqual(doc);
    expect(sent(from)).toEqual(['GET getOrgTeamByName']);
    from = sim.requests.length;
    const byId = await runCli(['team', 'describe', DBA, '-o', 'json'], { sim });
    expect(byId.json()).toEqual(doc);
    expect(sent(from)).toEqual(['GET getOrgTeam']);
    const id = await runCli(['team', 'get', 'developers', '--fields', 'id', '-o', 'value'], { sim });
    expect(id.stdout).toBe(`${DEVS}\n`);
  });

  it('a team named "." or "..", which a URL path cannot carry, is found in the list of teams instead', async () => {
    const made = await runCli(['team', 'create', '.', '--user', 'rita.reader@example.com', '-o', 'json'], { sim });
    expect(made.code).toBe(0);
    const doc = await served(sim, `${ORG}/teams/${made.json().id}`);
    const from = sim.requests.length;
    const r = await runCli(['team', 'get', '.', '-o', 'json'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual(doc);
    expect(sent(from)).toEqual(['GET listOrgTeams', 'GET getOrgTeam']);
  });

  it('an unknown name exits 4 with Atlas’s TEAM_NAME_NOT_FOUND', async () => {
    const r = await runCli(['team', 'get', 'nobody'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/404 TEAM_NAME_NOT_FOUND: No team with name "nobody" exists\./);
    const json = await runCli(['team', 'get', 'nobody', '-o', 'json'], { sim });
    expect(JSON.parse(json.stderr)).toEqual({ error: { status: 404, errorCode: 'TEAM_NAME_NOT_FOUND', detail: 'No team with name "nobody" exists.' } });
  });
});

describe('team create, rename, delete', () => {
  it('create sends the name and the usernames once each and prints the team as Atlas answers it', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'create', 'ops', '--user', 'rita.reader@example.com', '--user', 'new.hire@example.com', '--user', 'Rita.Reader@example.com', '-o', 'json'], {
      sim,
    });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const [post] = apiRequests(sim, from);
    expect(`${post!.method} ${post!.operationId}`).toBe('POST createOrgTeam');
    expect(post!.body).toEqual({ name: 'ops', usernames: ['rita.reader@example.com', 'new.hire@example.com'] });
    const id = r.json().id;
    expect(r.json()).toEqual({ id, links: [{ href: `${sim.url}${ORG}/teams/${id}`, rel: 'self' }], name: 'ops', usernames: ['rita.reader@example.com', 'new.hire@example.com'] });
    const table = await runCli(['team', 'create', 'ops2', '--user', 'bill.payer@example.com'], { sim });
    expect(table.stdout).toMatch(/^ID\tNAME\tUSERNAMES\n[0-9a-f]{24}\tops2\tbill\.payer@example\.com\n$/);
  });

  it('create --dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['team', 'create', 'ops', '--user', 'rita.reader@example.com', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', url: `${sim.url}${ORG}/teams`, body: { name: 'ops', usernames: ['rita.reader@example.com'] } });
    expect(sim.requests.length).toBe(before);
  });

  it('bad input exits 2 before any request: no --user, a username that is not an email, an empty name', async () => {
    await refused(
      ['team', 'create', 'ops'],
      /^atlascli: give the team its first users: --user <username> \(hint: Atlas refuses a team without users \(CANNOT_CREATE_EMPTY_TEAM\)\)\n$/,
    );
    await refused(['team', 'create', 'ops', '--user', 'rita'], /invalid --user username "rita": Atlas usernames are email addresses/);
    await refused(['team', 'create', 'ops', '--user', 'rita reader@example.com'], /invalid --user username/);
    await refused(['team', 'create', '', '--user', 'rita.reader@example.com'], /<name> is empty/);
  });

  it('a username the organization does not have exits 4 as Atlas answers (USER_NOT_IN_ORG); a taken name exits 5 (TEAM_NAME_NOT_AVAILABLE)', async () => {
    const missing = await runCli(['team', 'create', 'ops', '--user', 'ghost@example.com'], { sim });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/404 USER_NOT_IN_ORG: User ghost@example\.com is not in organization a0123456789abcdef012345a\. \(hint: `atlascli org users` lists/);
    const taken = await runCli(['team', 'create', 'dba-team', '--user', 'rita.reader@example.com'], { sim });
    expect(taken.code).toBe(5);
    expect(taken.stderr).toMatch(/409 TEAM_NAME_NOT_AVAILABLE: .*\(hint: the organization has a team named "dba-team": atlascli team get "dba-team"\)/);
  });

  it('rename by name looks the team up, then renames it and prints it as served', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'rename', 'developers', 'app-developers', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from)).toEqual(['GET getOrgTeamByName', 'PATCH renameOrgTeam']);
    expect(apiRequests(sim, from)[1]!.body).toEqual({ name: 'app-developers' });
    expect(r.json()).toEqual(await served(sim, `${ORG}/teams/${DEVS}`));
    expect(r.json().name).toBe('app-developers');
    // by id: no look-up; a dry run sends nothing
    const before = sim.requests.length;
    const dry = await runCli(['team', 'rename', DEVS, 'x', '--dry-run'], { sim });
    expect(dry.stdout).toBe(
      `PATCH ${sim.url}${ORG}/teams/${DEVS}\nAccept: application/vnd.atlas.2023-01-01+json\nContent-Type: application/vnd.atlas.2023-01-01+json\n\n{\n  "name": "x"\n}\n`,
    );
    expect(sim.requests.length).toBe(before);
  });

  it('delete refuses without --force before any request; Atlas refuses a team a project has (exit 4, and --if-exists does not call it absent)', async () => {
    await refused(['team', 'delete', 'developers'], /^atlascli: refusing to delete team developers without --force: no terminal to confirm on/);
    for (const extra of [[], ['--if-exists']]) {
      const r = await runCli(['team', 'delete', 'developers', '--force', ...extra], { sim });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(
        new RegExp(`404 CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT: .*\\(hint: remove it from its projects first: atlascli project teams remove ${DEVS} -p <project>\\)\\n$`),
      );
    }
    expect(sim.state.teams.has(DEVS)).toBe(true);
  });

  it('delete --force deletes a team no project has; --if-exists then says it is gone and exits 0', async () => {
    await runCli(['team', 'create', 'ops', '--user', 'rita.reader@example.com'], { sim });
    const from = sim.requests.length;
    const r = await runCli(['team', 'rm', 'ops', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from)).toEqual(['GET getOrgTeamByName', 'DELETE deleteOrgTeam']);
    expect(r.json()).toEqual({ deleted: true, id: apiRequests(sim, from)[1]!.path.split('/').pop() });
    const again = await runCli(['team', 'delete', 'ops', '--force', '--if-exists'], { sim });
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', 'team ops does not exist: nothing to delete (--if-exists)\n']);
    const strict = await runCli(['team', 'delete', 'ops', '--force'], { sim });
    expect(strict.code).toBe(4);
    expect(strict.stderr).toBe('atlascli: no team named "ops" in organization a0123456789abcdef012345a (hint: list them with: atlascli team list)\n');
  });
});

describe('team users', () => {
  it('list prints the team’s users, active and pending, as served (2025-02-19)', async () => {
    await runCli(['team', 'users', 'add', 'dba-team', 'new.hire@example.com'], { sim });
    const r = await runCli(['team', 'users', 'list', 'dba-team', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, `${ORG}/teams/${DBA}/users`, '2025-02-19'));
    expect(r.json().map((u: any) => [u.username, u.orgMembershipStatus])).toEqual([
      ['ada.owner@example.com', 'ACTIVE'],
      ['new.hire@example.com', 'PENDING'],
    ]);
    const table = await runCli(['team', 'users', 'ls', DBA], { sim });
    expect(table.stdout.split('\n')[0]).toBe('ID\tUSERNAME\tNAME\tSTATUS\tROLES');
  });

  it('add looks each username up in the organization, then adds them in order and prints them as Atlas answers; one already in the team is left out with a note', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'users', 'add', 'dba-team', 'rita.reader@example.com', 'ada.owner@example.com', 'bill.payer@example.com', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`ada.owner@example.com is in team dba-team (${DBA}) already: nothing to add\n`);
    const reqs = apiRequests(sim, from);
    expect(sent(from).slice(0, 1)).toEqual(['GET getOrgTeamByName']);
    expect(sent(from).slice(1, 4).sort()).toEqual(['GET listOrgUsers', 'GET listOrgUsers', 'GET listOrgUsers']);
    expect(reqs.slice(4).map((q) => [q.operationId, q.body])).toEqual([
      ['addOrgTeamUser', { id: SEED.users.readOnly }],
      ['addOrgTeamUser', { id: SEED.users.billing }],
    ]);
    expect(r.json().map((u: any) => [u.username, u.teamIds])).toEqual([
      ['rita.reader@example.com', [DBA]],
      ['bill.payer@example.com', [DBA]],
    ]);
  });

  it('a username the organization does not have stops the command before anything is added (exit 4, USER_NOT_IN_ORG as Atlas answers it)', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'users', 'add', 'dba-team', 'rita.reader@example.com', 'ghost@example.com', 'nobody@example.org'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'atlascli: ghost@example.com, nobody@example.org are not users of organization a0123456789abcdef012345a (USER_NOT_IN_ORG): nothing was added (hint: `atlascli org users` lists the users of the organization (invited users count; invite others first))\n',
    );
    expect(sent(from).filter((s) => s.startsWith('POST'))).toEqual([]);
    const json = await runCli(['team', 'users', 'add', 'dba-team', 'ghost@example.com', '-o', 'json'], { sim });
    expect(JSON.parse(json.stderr)).toEqual({ error: { status: 404, errorCode: 'USER_NOT_IN_ORG', detail: `User ghost@example.com is not in organization ${SEED.orgId}.` } });
  });

  it('add --dry-run prints the POSTs it would send after the look-ups and sends none; a username that is not an email sends nothing', async () => {
    const from = sim.requests.length;
    const r = await runCli(['team', 'users', 'add', DBA, 'rita.reader@example.com', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', url: `${sim.url}${ORG}/teams/${DBA}:addUser`, body: { id: SEED.users.readOnly } });
    expect(sent(from)).toEqual(['GET listOrgUsers']);
    await refused(['team', 'users', 'add', DBA, 'rita.reader'], /invalid username "rita\.reader": Atlas usernames are email addresses/);
  });

  it('remove refuses without --force before any request, then removes by id what the team’s list names', async () => {
    await runCli(['team', 'users', 'add', 'dba-team', 'rita.reader@example.com'], { sim });
    await refused(['team', 'users', 'remove', 'dba-team', 'rita.reader@example.com'], /refusing to remove rita\.reader@example\.com from team dba-team without --force/);
    const from = sim.requests.length;
    const r = await runCli(['team', 'users', 'remove', 'dba-team', 'RITA.reader@example.com', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from)).toEqual(['GET getOrgTeamByName', 'GET listOrgTeamUsers', 'POST removeOrgTeamUser']);
    expect(apiRequests(sim, from)[2]!.body).toEqual({ id: SEED.users.readOnly });
    expect(r.json()).toEqual({ removed: ['rita.reader@example.com'], teamId: DBA });
  });

  it('remove: a username not in the team exits 4 (or is noted with --if-exists); removing every user is refused before any change', async () => {
    const absent = await runCli(['team', 'users', 'remove', 'dba-team', 'rita.reader@example.com', '--force'], { sim });
    expect(absent.code).toBe(4);
    expect(absent.stderr).toBe(`atlascli: rita.reader@example.com is not in team dba-team (${DBA}) (hint: \`atlascli team users list dba-team\` lists its users)\n`);
    const noted = await runCli(['team', 'users', 'remove', 'dba-team', 'rita.reader@example.com', '--force', '--if-exists'], { sim });
    expect([noted.code, noted.stderr]).toEqual([0, `rita.reader@example.com in team dba-team (${DBA}) does not exist: nothing to delete (--if-exists)\n`]);
    const from = sim.requests.length;
    const all = await runCli(['team', 'users', 'remove', 'dba-team', 'ada.owner@example.com', '--force'], { sim });
    // a refusal before sending, about the usernames given: bad input, exit 2 (the house's rule)
    expect([all.code, all.stdout]).toEqual([2, '']);
    expect(all.stderr).toMatch(
      /refusing to remove every user of team dba-team .*CANNOT_REMOVE_LAST_USER_FROM_TEAM.*nothing was sent \(hint: delete the team instead: atlascli team delete /,
    );
    expect(sent(from)).toEqual(['GET getOrgTeamByName', 'GET listOrgTeamUsers']);
  });
});

describe('project teams', () => {
  it('`project teams`, `project teams <id>` and `project teams <name>` still list a project’s teams', async () => {
    const expected = await servedAll(sim, `/api/atlas/v2/groups/${SEED.projectId}/teams`);
    for (const args of [[], [SEED.projectId], [SEED.projectName]]) {
      const r = await runCli(['project', 'teams', ...args, '-o', 'json'], { sim });
      expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
      expect(r.json()).toEqual(expected);
    }
    const staging = await runCli(['project', 'teams', SEED.stagingProjectName, '-o', 'json'], { sim });
    expect(staging.json()).toEqual([]);
    const table = await runCli(['project', 'teams'], { sim });
    expect(table.stdout).toBe(`TEAM ID\tNAME\tROLES\n${DBA}\tdba-team\tGROUP_OWNER\n${DEVS}\tdevelopers\tGROUP_READ_ONLY,GROUP_DATA_ACCESS_READ_WRITE\n`);
    await refused(['project', 'teams', ''], /<projectId> is empty/);
  });

  it('add by name finds the team in the project’s organization, sends the roles (upper case, once each) and prints the assignment as Atlas answers it', async () => {
    const from = sim.requests.length;
    const r = await runCli(
      [
        'project',
        'teams',
        'add',
        'dba-team',
        '--role',
        'group_read_only',
        '--role',
        'GROUP_DATA_ACCESS_READ_ONLY',
        '--role',
        'GROUP_READ_ONLY',
        '-p',
        SEED.stagingProjectName,
        '-o',
        'json',
      ],
      {
        sim,
      },
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(sent(from)).toEqual(['GET getGroupByName', 'GET getGroup', 'GET getOrgTeamByName', 'POST addGroupTeams']);
    expect(apiRequests(sim, from)[3]!.body).toEqual([{ teamId: DBA, roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] }]);
    expect(r.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${SEED.stagingProjectId}/teams`));
    const table = await runCli(['project', 'teams', 'add', DEVS, '--role', 'GROUP_OWNER', '-p', SEED.stagingProjectId], { sim });
    // the view of `project teams`: the team's name beside its id (from the organization's teams)
    expect([table.code, table.stderr]).toEqual([0, '']);
    expect(table.stdout).toBe(`TEAM ID\tNAME\tROLES\n${DEVS}\tdevelopers\tGROUP_OWNER\n`);
    const listed = await runCli(['project', 'teams', SEED.stagingProjectId], { sim });
    expect(listed.stdout.split('\n')[0]).toBe(table.stdout.split('\n')[0]);
    // a team the project has already: Atlas's 409 TEAM_EXISTS_IN_GROUP (src/simulator/resources/teams.ts), with what to do instead
    const again = await runCli(['project', 'teams', 'add', DEVS, '--role', 'GROUP_READ_ONLY', '-p', SEED.stagingProjectId], { sim });
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(
      new RegExp(
        `409 TEAM_EXISTS_IN_GROUP: .*\\(hint: \`atlascli project teams ${SEED.stagingProjectId}\` shows its roles; to give it others, remove it and add it again: atlascli project teams remove ${DEVS} --force\\)\\n$`,
      ),
    );
  });

  it('roles are checked at parse time against the project roles: a typo, an org role, none at all exit 2 and send nothing', async () => {
    await refused(
      ['project', 'teams', 'add', 'dba-team', '--role', 'GROUP_READ_ONY'],
      /^atlascli: invalid --role "GROUP_READ_ONY": not a project role \(hint: did you mean GROUP_READ_ONLY\?\)\n$/,
    );
    await refused(['project', 'teams', 'add', 'dba-team', '--role', 'ORG_OWNER'], /invalid --role "ORG_OWNER": not a project role/);
    await refused(['project', 'teams', 'add', 'dba-team'], /^atlascli: give the team its project roles: --role <GROUP_ROLE> \(hint: project roles: GROUP_OWNER, /);
    await refused(['project', 'teams', 'add', '', '--role', 'GROUP_OWNER'], /<team> is empty/);
  });

  it('a team the project has already: exit 5 (TEAM_EXISTS_IN_GROUP) with the way to change its roles; --dry-run with ids sends nothing', async () => {
    const r = await runCli(['project', 'teams', 'add', 'dba-team', '--role', 'GROUP_READ_ONLY'], { sim });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(
      /409 TEAM_EXISTS_IN_GROUP: Cannot add a team that already exists in group\. \(hint: .*atlascli project teams remove e0123456789abcdef012345e --force\)/,
    );
    const from = sim.requests.length;
    const dry = await runCli(['project', 'teams', 'add', DBA, '--role', 'GROUP_OWNER', '-p', SEED.stagingProjectId, '--dry-run', '-o', 'json'], { sim });
    expect(dry.json()).toMatchObject({ dryRun: true, method: 'POST', body: [{ teamId: DBA, roleNames: ['GROUP_OWNER'] }] });
    expect(sim.requests.length).toBe(from);
  });

  it('remove refuses without --force before any request; --force removes; a team the project lacks exits 4, or 0 with --if-exists', async () => {
    await refused(['project', 'teams', 'remove', 'developers'], /refusing to remove team developers from project b0123456789abcdef012345b without --force/);
    const from = sim.requests.length;
    const r = await runCli(['project', 'teams', 'remove', 'developers', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from)).toEqual(['GET getGroup', 'GET getOrgTeamByName', 'DELETE removeGroupTeam']);
    expect(r.json()).toEqual({ removed: true, teamId: DEVS, groupId: SEED.projectId });
    expect((await servedAll(sim, `/api/atlas/v2/groups/${SEED.projectId}/teams`)).map((t) => t.teamId)).toEqual([DBA]);
    const again = await runCli(['project', 'teams', 'remove', DEVS, '--force'], { sim });
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/404 TEAM_NOT_IN_GROUP/);
    const ok = await runCli(['project', 'teams', 'remove', DEVS, '--force', '--if-exists'], { sim });
    expect([ok.code, ok.stderr]).toEqual([0, `team ${DEVS} in project ${SEED.projectId} does not exist: nothing to delete (--if-exists)\n`]);
    const unknown = await runCli(['project', 'teams', 'remove', 'nobody', '--force', '--if-exists'], { sim });
    expect([unknown.code, unknown.stderr]).toEqual([0, 'team nobody does not exist: nothing to delete (--if-exists)\n']);
  });

  it('a team that was removed from its projects can be deleted', async () => {
    expect((await runCli(['project', 'teams', 'remove', 'developers', '--force'], { sim })).code).toBe(0);
    expect((await runCli(['team', 'delete', 'developers', '--force'], { sim })).code).toBe(0);
    expect((await runCli(['team', 'list', '-o', 'json'], { sim })).json().map((t: any) => t.name)).toEqual(['dba-team']);
  });
});

describe('completion', () => {
  it('offers the project roles after `project teams add --role`', async () => {
    expect(await complete('project teams add dba-team --role ', { sim })).toEqual([...PROJECT_ROLES].sort());
    expect(await complete('project teams add dba-team --role GROUP_DATA_ACCESS_R', { sim })).toEqual(['GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE']);
  });

  it('offers the organization’s team names after `team get` and the project’s organization’s after `project teams add`', async () => {
    let from = sim.requests.length;
    expect(await complete('team get ', { sim })).toEqual(['dba-team', 'developers']);
    expect(sent(from)).toEqual(['GET listOrgTeams']);
    expect(await complete('team users add d', { sim })).toEqual(['dba-team', 'developers']);
    from = sim.requests.length;
    expect(await complete('project teams add ', { sim })).toEqual(['dba-team', 'developers']);
    expect(sent(from)).toEqual(['GET getGroup', 'GET listOrgTeams']);
  });

  it('offers the project’s own teams after `project teams remove` (listGroupTeams, named from the organization’s teams)', async () => {
    const from = sim.requests.length;
    expect(await complete(`--project ${SEED.stagingProjectId} project teams remove `, { sim })).toEqual([]);
    expect(sent(from).sort()).toEqual(['GET getGroup', 'GET listGroupTeams', 'GET listOrgTeams']);
    expect((await runCli(['project', 'teams', 'add', 'developers', '--role', 'GROUP_READ_ONLY', '-p', SEED.stagingProjectId], { sim })).code).toBe(0);
    expect(await complete(`--project ${SEED.stagingProjectId} project teams remove `, { sim })).toEqual(['developers']);
    // the organization's teams are still all offered to `add`
    expect(await complete(`--project ${SEED.stagingProjectId} project teams add `, { sim })).toEqual(['dba-team', 'developers']);
    expect(await complete('project teams remove ', { sim })).toEqual(['dba-team', 'developers']);
  });
});

describe('README "Teams"', () => {
  it('its example commands run, in order, against the simulator', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('\n### Teams\n');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 5));
    // the commands written out in full: no alternatives (|), optional parts ([…]) or placeholders (<…>, $VAR)
    const commands = [...section.matchAll(/```sh\n([^]*?)```/g)]
      .flatMap((m) => m[1]!.split('\n'))
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => /^atlascli [^|[<$"]*$/.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const line of commands) {
      const r = await runCli(line.split(/\s+/).slice(1), { sim });
      expect([line, r.code, r.stderr]).toEqual([line, 0, expect.any(String)]);
      expect(r.stderr, line).not.toMatch(/atlascli:/);
    }
  });
});
