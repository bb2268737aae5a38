import type { Context } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import { noteAbsent } from '../shared.js';
import { definition, MASK, PROFILE_KEYS, profileKeyFromUser, SETTINGS, type SettingKey } from '../../settings/definitions.js';
import { isValidProfileName, type Profile } from '../../settings/store.js';
import { checkSetting } from '../../settings/check.js';
import type { View } from '../../output/render.js';

type Args = string[];

function targetProfile(ctx: Context): string {
  const name = ctx.settings.profileName().name;
  if (!isValidProfileName(name)) throw new UsageError(`invalid profile name "${name}"`, 'use letters, digits, ".", "_" and "-"');
  return name;
}

function keyArg(raw: string): SettingKey {
  const key = profileKeyFromUser(raw);
  if (!key) {
    throw new UsageError(`unknown setting "${raw}"`, `settings: ${PROFILE_KEYS.join(', ')} (or kebab case: project-id)`);
  }
  return key;
}

const shown = (key: SettingKey, value: string | undefined): string | undefined => (value !== undefined && definition(key).secret ? MASK : value);

/**
 * `config set <key> <value>`; a value of `-` is read from stdin (a hidden prompt on a
 * terminal), so a secret never has to appear in argv or the shell history.
 */
export async function set(ctx: Context, [rawKey, value]: Args): Promise<void> {
  const key = keyArg(rawKey!);
  const profile = targetProfile(ctx);
  const given = value === '-' ? await readValue(ctx, key) : value!;
  await ctx.store.setValue(profile, key, checkSetting(key, given));
  ctx.term.info(`set ${key} in profile "${profile}"`);
}

/** One value from stdin: the first line, without its line ending. */
async function readValue(ctx: Context, key: SettingKey): Promise<string> {
  const def = definition(key);
  if (ctx.io.stdin.isTTY) return (await ctx.term.ask(`${def.description}: `, def.secret)).trim();
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (line.trim() === '') throw new UsageError(`no ${def.description} on stdin`, `pipe it in: printf '%s' "$VALUE" | atlascli config set ${rawName(key)} -`);
  return line.trim();
}

const rawName = (key: SettingKey): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export async function get(ctx: Context, [rawKey]: Args): Promise<void> {
  const key = keyArg(rawKey!);
  const profile = targetProfile(ctx);
  const value = ctx.store.profile(profile)?.[key];
  if (value === undefined) throw new UsageError(`${key} is not set in profile "${profile}"`);
  if (ctx.machineOutput) ctx.term.out(JSON.stringify({ [key]: shown(key, value) }));
  else ctx.term.out(shown(key, value)!);
}

export async function unset(ctx: Context, [rawKey]: Args): Promise<void> {
  const key = keyArg(rawKey!);
  const profile = targetProfile(ctx);
  const removed = await ctx.store.unsetValue(profile, key);
  ctx.term.info(removed ? `unset ${key} in profile "${profile}"` : `${key} was not set in profile "${profile}"`);
}

export async function list(ctx: Context): Promise<void> {
  const active = ctx.store.activeProfile();
  const rows = ctx.store.profileNames().map((name) => ({ name, active: name === active }));
  const view: View = {
    columns: [
      { header: 'name', value: 'name' },
      { header: 'active', value: (r) => (r.active ? '*' : '') },
    ],
  };
  ctx.renderer.list(rows, view);
}

export async function describe(ctx: Context): Promise<void> {
  ctx.settings.assertProfileExists();
  const rows = ctx.settings.describe().map((s) => ({
    setting: s.key,
    value: s.value === undefined ? null : s.secret ? MASK : s.value,
    source: s.source,
    from: s.origin,
  }));
  ctx.renderer.list(rows, {
    columns: [
      { header: 'setting', value: 'setting' },
      { header: 'value', value: 'value' },
      { header: 'source', value: 'source' },
      { header: 'from', value: 'from' },
    ],
  });
}

export async function use(ctx: Context, [name]: Args): Promise<void> {
  if (!ctx.store.profile(name!)) {
    const names = ctx.store.profileNames();
    throw new UsageError(`profile "${name}" does not exist`, names.length ? `profiles: ${names.join(', ')}` : 'create one with: atlascli config init');
  }
  await ctx.store.useProfile(name!);
  ctx.term.info(`active profile is now "${name}"`);
}

export async function remove(ctx: Context, [name]: Args, opts: { ifExists?: boolean } = {}): Promise<void> {
  if (!ctx.store.profile(name!)) {
    if (opts.ifExists) return noteAbsent(ctx, `profile "${name}"`);
    throw new UsageError(`profile "${name}" does not exist`);
  }
  if (!ctx.assumeYes) {
    const ok = await ctx.term.confirm(`Delete profile "${name}"?`, `refusing to delete profile "${name}" without --force when no terminal can confirm`);
    if (!ok) return ctx.term.info('nothing deleted');
  }
  await ctx.store.deleteProfile(name!);
  ctx.term.info(`deleted profile "${name}"`);
}

export async function path(ctx: Context): Promise<void> {
  ctx.term.out(ctx.store.path);
}

/**
 * Prompts for each setting on a terminal (Enter keeps what is there); without one,
 * takes what the global flags and environment give and never waits for input.
 */
/**
 * Proves the credentials a profile is about to hold, as `auth whoami` does: one
 * authenticated request (operation listOrgs) with them, against the profile's base URL.
 * Says on stderr which organizations they reach; on a terminal, offers them (and then
 * their projects, operation listGroups) for a profile that names none. Nothing to prove
 * without credentials.
 * @throws CliError exit 3 when Atlas refuses them (nothing is saved), exit 7 when it cannot be reached
 */
async function verifyCredentials(ctx: Context, profile: Profile, values: Profile): Promise<void> {
  const credentials =
    profile.clientId && profile.clientSecret
      ? { kind: 'oauth' as const, clientId: profile.clientId, clientSecret: profile.clientSecret }
      : profile.publicKey && profile.privateKey
        ? { kind: 'digest' as const, publicKey: profile.publicKey, privateKey: profile.privateKey }
        : undefined;
  if (!credentials) return;
  const [{ DEFAULT_BASE_URL }, { CliError, EXIT }] = await Promise.all([import('../../settings/definitions.js'), import('../../errors.js')]);
  const client = await ctx.newClient(checkSetting('baseUrl', profile.baseUrl ?? ctx.settings.get('baseUrl') ?? DEFAULT_BASE_URL), credentials);
  try {
    const orgs = await client.list<{ id: string; name: string }>({ operationId: 'listOrgs' });
    ctx.term.info(`credentials verified: they reach ${orgs.length} organization${orgs.length === 1 ? '' : 's'}${orgs.length ? ` (${orgs.map((o) => o.name).join(', ')})` : ''}`);
    if (!ctx.term.canPrompt) return;
    if (!profile.orgId) {
      const org = await offer(ctx, 'organization', orgs);
      if (org) values.orgId = profile.orgId = org.id;
    }
    if (!profile.projectId) {
      const all = await client.list<{ id: string; name: string; orgId: string }>({ operationId: 'listGroups' });
      const project = await offer(ctx, 'project', profile.orgId ? all.filter((p) => p.orgId === profile.orgId) : all);
      if (project) values.projectId = project.id;
    }
  } catch (err) {
    if (err instanceof CliError && err.exitCode === EXIT.auth) {
      throw new CliError(`the credentials were refused, nothing was saved: ${err.message}`, 'check them, or save them unchecked with --no-verify', EXIT.auth);
    }
    throw err;
  } finally {
    await client.close();
  }
}

/** On a terminal: the choices numbered, one picked by its number (Enter: none; a bad answer is asked again). */
async function offer<T extends { id: string; name: string }>(ctx: Context, what: string, choices: readonly T[]): Promise<T | undefined> {
  if (!choices.length) return undefined;
  ctx.term.info(`${what}s these credentials reach:`);
  choices.forEach((c, i) => ctx.term.info(`  ${i + 1}) ${c.name} (${c.id})`));
  for (let attempt = 1; attempt <= 5; attempt++) {
    const answer = (await ctx.term.ask(`default ${what} [1-${choices.length}, Enter: none]: `)).trim();
    if (!answer) return undefined;
    const n = Number(answer);
    if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1];
    ctx.term.warn(`give a number from 1 to ${choices.length}, or Enter for none; try again`);
  }
  return undefined;
}

export async function init(ctx: Context, _args: string[] = [], opts: { verify?: boolean } = {}): Promise<void> {
  const profile = targetProfile(ctx);
  const current: Profile = ctx.store.profile(profile) ?? {};
  const values: Profile = {};
  const keys: SettingKey[] = ['publicKey', 'privateKey', 'clientId', 'clientSecret', 'projectId', 'orgId', 'baseUrl', 'output'];
  if (ctx.term.canPrompt) {
    ctx.term.info(`Setting up profile "${profile}" in ${ctx.store.path} (Enter keeps the current value; leave credentials you do not use empty)`);
    for (const key of keys) {
      const def = definition(key);
      const given = ctx.settings.resolve(key);
      const fallback = given.source === 'flag' || given.source === 'env' ? given.value : current[key];
      // Enter on the built-in default keeps it unset, so a later default applies
      const shown = fallback ?? def.defaultValue;
      const show = shown === undefined ? '' : ` [${def.secret ? MASK : shown}]`;
      // a bad answer is asked again (a few times), not the end of the whole wizard
      for (let attempt = 1; ; attempt++) {
        const answer = (await ctx.term.ask(`${def.description}${show}: `, def.secret)).trim();
        const value = answer || fallback;
        try {
          if (value) values[key] = checkSetting(key, value);
          break;
        } catch (err) {
          if (!(err instanceof UsageError) || attempt >= 5) throw err;
          ctx.term.warn(`${err.message}${err.hint ? ` (${err.hint})` : ''}; try again`);
        }
      }
    }
  } else {
    for (const key of keys) {
      const r = ctx.settings.resolve(key);
      if ((r.source === 'flag' || r.source === 'env') && r.value !== undefined) values[key] = checkSetting(key, r.value);
    }
    const hasKey = (values.publicKey ?? current.publicKey) && (values.privateKey ?? current.privateKey);
    const hasSa = (values.clientId ?? current.clientId) && (values.clientSecret ?? current.clientSecret);
    if (!hasKey && !hasSa) {
      throw new UsageError(
        'config init needs credentials when no terminal can prompt: missing --public-key and --private-key (or --client-id and --client-secret)',
        'pass them as flags or ATLAS_* variables',
      );
    }
  }
  // proven before saving (contract, "Credentials"): --no-verify skips it
  if (opts.verify !== false) await verifyCredentials(ctx, { ...current, ...values }, values);
  await ctx.store.saveProfile(profile, values);
  if (ctx.store.profileNames().length === 1 || ctx.settings.profileName().explicit === false) await ctx.store.useProfile(profile);
  const saved = Object.keys(values).filter((k) => SETTINGS.some((s) => s.key === k));
  ctx.term.info(`saved profile "${profile}" (${saved.join(', ') || 'no changes'}) to ${ctx.store.path}`);
}
