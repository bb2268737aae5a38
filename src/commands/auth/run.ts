/**
 * `auth whoami` (alias `whoami`) and `auth token`: credentials a script can check before
 * it relies on them (CLI-CONTRACT "Additions", "Credentials").
 */
import type { Context } from '../../program/context.js';
import { AuthConfigError } from '../../errors.js';
import { WHOAMI_VIEW } from './views.js';

/** What `auth whoami -o json` prints; `projects` with --projects. */
export interface Whoami {
  kind: 'apiKey' | 'serviceAccount';
  id: string;
  source: string;
  orgs: Array<{ id: string; name: string }>;
  projects?: Array<{ id: string; name: string; orgId: string }>;
}

/**
 * Proves the credentials with authenticated requests: the organizations they reach
 * (operation listOrgs, every page) and with `projects` the projects (listGroups).
 * @throws AuthConfigError (exit 3) without credentials; AtlasApiError exit 3 when Atlas refuses them
 */
export async function identify(ctx: Context, projects: boolean): Promise<Whoami> {
  const creds = ctx.settings.credentials();
  if (!creds) {
    throw new AuthConfigError(
      'no credentials: set an API key (ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY) or a service account (ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET)',
      'or store them in a profile with: atlascli config init',
    );
  }
  const client = await ctx.client();
  const orgs = await client.list<{ id: string; name: string }>({ operationId: 'listOrgs' });
  const who: Whoami = {
    kind: creds.kind === 'digest' ? 'apiKey' : 'serviceAccount',
    id: creds.kind === 'digest' ? creds.publicKey : creds.clientId,
    source: ctx.settings.credentialsSource()!,
    orgs: orgs.map((o) => ({ id: o.id, name: o.name })),
  };
  if (projects) {
    const list = await client.list<{ id: string; name: string; orgId: string }>({ operationId: 'listGroups' });
    who.projects = list.map((p) => ({ id: p.id, name: p.name, orgId: p.orgId }));
  }
  return who;
}

export async function whoami(ctx: Context, _args: string[], opts: { projects?: boolean }): Promise<void> {
  const who = await identify(ctx, opts.projects === true);
  if (ctx.output !== 'table' || ctx.fields) {
    ctx.renderer.object(who, WHOAMI_VIEW);
    return;
  }
  const lines = [`${who.kind === 'apiKey' ? 'API key' : 'service account'} ${who.id} (from ${who.source})`, `organizations (${who.orgs.length}):`];
  for (const o of who.orgs) lines.push(`  ${o.id}  ${o.name}`);
  if (who.projects) {
    lines.push(`projects (${who.projects.length}):`);
    for (const p of who.projects) lines.push(`  ${p.id}  ${p.name}`);
  }
  ctx.term.out(lines.join('\n'));
}

/** `auth token`: the service account's bearer token and a newline, on stdout. */
export async function token(ctx: Context): Promise<void> {
  const client = await ctx.client();
  ctx.term.out(await client.accessToken());
}
