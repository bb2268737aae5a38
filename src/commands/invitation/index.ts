/**
 * `atlascli invitation …` (alias `invitations`): pending invitations to join the
 * organization (--org or the configured org). Handlers in run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { GROUP_ROLES, ORG_ROLES } from '../../args/roles.js';
import { INVITATION_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The simulator's pending invitation (new.hire@example.com, SEED.users.invited): the examples work as written against `atlascli simulator`. */
const ID = 'd4123456789abcdef012345d';

/** The subcommands of `invitation`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerInvitation(inv: Command, rt: Runtime): void {
  withLimit(inv.command('list').description('list the pending invitations to the organization'))
    .option('--email <address>', 'only the invitation of this address')
    .addHelpText('after', examples('atlascli invitation list', 'atlascli invitations ls --email jane@example.com -o json'))
    .action(lazy(rt, run('list'), { operationId: 'listOrgInvites', view: INVITATION_VIEW }));

  inv
    .command('get <invitationId>')
    .description('one pending invitation')
    .addHelpText('after', examples(`atlascli invitation get ${ID}`))
    .action(lazy(rt, run('get'), { operationId: 'getOrgInvite', view: INVITATION_VIEW }));

  withDryRun(
    inv
      .command('create <email>')
      .description('invite someone to the organization by email, with organization roles and, optionally, roles in a project')
      .option('--role <ORG_ROLE>', 'an organization role (repeatable)', collect)
      .option('--project-role <GROUP_ROLE>', 'a role in the project of -p/--project (id or name; repeatable)', collect),
  )
    .addHelpText(
      'after',
      `\nOrganization roles: ${ORG_ROLES.join(', ')}.\nProject roles: ${GROUP_ROLES.join(', ')}.\nRoles are checked before anything is sent, in any case.\n` +
        examples(
          'atlascli invitation create sam@example.com --role ORG_MEMBER',
          'atlascli invitation create jane2@example.com --role ORG_MEMBER --project atlascli-sim-staging --project-role GROUP_READ_ONLY',
        ),
    )
    .action(lazy(rt, run('create'), { operationId: 'createOrgInvite', view: INVITATION_VIEW }));

  withIfExists(withDryRun(inv.command('delete <invitationId>').description('cancel a pending invitation (asks first; --force in scripts)')))
    .addHelpText('after', examples(`atlascli invitation delete ${ID} --force`))
    .action(lazy(rt, run('remove'), { fields: ['id', 'deleted'] }));
}
