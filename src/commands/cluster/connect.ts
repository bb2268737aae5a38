/**
 * `atlascli cluster connect <name> [--role <role@db>]... [--ttl 1h] [--type srv|standard]
 * [--dry-run] [-- <command>...]`: a temporary database user and a temporary access-list
 * entry around one command.
 *
 * The user gets a generated password, is scoped to the cluster and expires after --ttl
 * (Atlas removes it even if atlascli is killed); the caller's public address is added to
 * the access list for as long (shared with other runs behind the same address, as
 * `whitelist exec` does: ../whitelist/shared-entry.ts), unless an entry someone else made
 * already allows it. Once the entry is ACTIVE and the cluster has applied the new user
 * (getGroupClusterStatus APPLIED), the command runs with `MONGODB_URI` (the connection
 * string with the user's name and password) in its environment: never in its argv, never
 * printed, never in a --debug trace. Whatever happens (success, failure, Ctrl-C, SIGTERM,
 * SIGHUP) the user and the entry are taken back, and atlascli exits with the command's
 * exit code. Without a command it runs `mongosh`, when it is on PATH.
 */
import { randomInt } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Context } from '../../program/context.js';
import { AtlasApiError, CliError, InterruptedError, UsageError } from '../../errors.js';
import type { AtlasClient, RequestSpec } from '../../atlas/client.js';
import { cannotRun, runBetween, runnable } from '../run-command.js';
import { pollIntervals, waitTimeoutMs } from '../wait.js';
import { parseExpiry, type AddressEntry } from '../whitelist/input.js';
import { currentIp } from '../whitelist/current-ip.js';
import { waitActive } from '../whitelist/run.js';
import { SharedEntry, type JoinResult } from '../whitelist/shared-entry.js';
import { checkRoleNames, generatePassword } from '../user/run.js';
import { parseRole } from '../user/input.js';
import { checkClusterName } from './validate.js';
import { connectionStringOf, parseConnectionType } from './connection.js';
import { fetchCluster } from './kind.js';
import { waitForCluster } from './wait.js';
import type { Json } from './body.js';

export interface ConnectOptions {
  role?: string[];
  ttl?: string;
  type?: string;
  dryRun?: boolean;
  passCredentials?: boolean;
  waitTimeout?: string;
}

export const DEFAULT_CONNECT_TTL = '1h';
export const DEFAULT_CONNECT_ROLE = 'readWriteAnyDatabase@admin';
/** The variable the command finds the connection string (with the credentials) in. */
export const URI_VARIABLE = 'MONGODB_URI';
/** How often the run checks the shared entry while the command runs (as whitelist exec). */
const KEEP_EVERY_MS = 20_000;

/**
 * The checked input of `connect`: every problem of the command line is found here,
 * before any request (UsageError, exit 2). `command` empty: `mongosh` when it is on PATH.
 */
export function planConnect(name: string | undefined, command: readonly string[], opts: ConnectOptions, env: NodeJS.ProcessEnv = {}, now = Date.now()) {
  const cluster = checkClusterName(name);
  const type = parseConnectionType(opts.type);
  if (type !== 'srv' && type !== 'standard') throw new UsageError(`invalid --type "${opts.type}" for cluster connect`, 'use srv or standard');
  const given = (opts.role?.length ? opts.role : [DEFAULT_CONNECT_ROLE]).map((text) => ({ flag: '--role', text, parsed: parseRole(text) }));
  const deleteAfterDate = parseExpiry({ ttl: opts.ttl ?? DEFAULT_CONNECT_TTL }, now)!;
  pollIntervals(env); // a bad ATLASCLI_POLL_MS is refused here
  let argv = [...command];
  if (!argv.length) {
    if (!runnable('mongosh', env))
      throw new UsageError('no command to run, and mongosh is not on PATH', 'install mongosh, or give the command after --: atlascli cluster connect NAME -- <command> [args…]');
    argv = ['mongosh'];
  }
  if (!argv[0]) throw new UsageError('no command to run', 'put it after --: atlascli cluster connect NAME -- <command> [args…]');
  return {
    cluster,
    type,
    given,
    roles: given.map((g) => g.parsed.role),
    deleteAfterDate,
    command: argv,
    waitMs: waitTimeoutMs({ wait: true, waitTimeout: opts.waitTimeout })!,
    username: `atlascli-connect-${randomInt(36 ** 6)
      .toString(36)
      .padStart(6, '0')}`,
  };
}

/**
 * The connection string with `username` and `password` in it (both percent-encoded), as
 * drivers and mongosh take it. `uri` is one Atlas serves (mongodb:// or mongodb+srv://).
 */
export function withCredentials(uri: string, username: string, password: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?(.*)$/.exec(uri);
  if (!m) throw new CliError(`Atlas served a connection string atlascli cannot read (${uri.slice(0, 20)}…)`);
  return `${m[1]}${encodeURIComponent(username)}:${encodeURIComponent(password)}@${m[2]}`;
}

/**
 * A block on the access list wider than the address itself that already allows `entry`
 * (e.g. 203.0.113.0/24 for 203.0.113.7), from listGroupAccessListEntries; undefined when
 * none does. The entry of the address alone is not counted: SharedEntry joins or leaves it.
 */
export async function coveringBlock(client: AtlasClient, groupId: string, entry: AddressEntry): Promise<string | undefined> {
  const ip = ipaddr.parse(entry.value);
  const all = await client.list<{ cidrBlock?: string }>({ operationId: 'listGroupAccessListEntries', pathParams: { groupId } });
  for (const d of all) {
    if (!d.cidrBlock) continue;
    try {
      const [net, bits] = ipaddr.parseCIDR(d.cidrBlock);
      if (net.kind() !== ip.kind() || bits === (ip.kind() === 'ipv4' ? 32 : 128)) continue;
      if (ip.match([net, bits])) return d.cidrBlock;
    } catch {
      // a form we do not read is not one that allows us
    }
  }
  return undefined;
}

export async function connect(ctx: Context, [name, ...command]: string[], opts: ConnectOptions): Promise<void> {
  const plan = planConnect(name, command, opts, ctx.io.env);
  const program = plan.command[0]!;
  // a command that cannot run is found before anything is added (exit 127)
  if (!runnable(program, ctx.io.env)) throw cannotRun(program, 'no such command', 'check the command after -- (and PATH); nothing was sent');
  const groupId = ctx.projectId();
  const client = await ctx.client();
  await checkRoleNames(ctx, groupId, plan.given);
  // reads first: the cluster (its connection string) and this machine's address
  const found = await fetchCluster(client, groupId, plan.cluster);
  const entry = await currentIp(client);
  const cover = await coveringBlock(client, groupId, entry);
  const shared = new SharedEntry(client, groupId, entry, { endMs: Date.parse(plan.deleteAfterDate), note: `connect ${plan.cluster}`, warn: (m) => ctx.term.warn(m) });
  const password = generatePassword();
  const userPath = { groupId, databaseName: 'admin', username: plan.username };
  const createUser: RequestSpec = {
    operationId: 'createGroupDatabaseUser',
    pathParams: { groupId },
    body: {
      username: plan.username,
      databaseName: 'admin',
      groupId,
      roles: plan.roles,
      password,
      scopes: [{ name: plan.cluster, type: 'CLUSTER' }],
      deleteAfterDate: plan.deleteAfterDate,
      description: `atlascli cluster connect (temporary, until ${plan.deleteAfterDate})`,
    },
  };
  const deleteUser: RequestSpec = { operationId: 'deleteGroupDatabaseUser', pathParams: userPath };
  const where = `the access list of project ${groupId}`;

  if (opts.dryRun) {
    // reads only; the password is masked in what is printed, the command is not echoed
    const write = cover ? undefined : await shared.plannedWrite();
    ctx.renderer.request(await client.describe(createUser), { note: false });
    if (write) ctx.renderer.request(await client.describe({ operationId: 'createGroupAccessListEntry', pathParams: { groupId }, body: write.body }), { note: false });
    else ctx.term.info(`${entry.value} is already allowed by ${cover ?? entry.value} on ${where}: no entry would be added`);
    ctx.renderer.request(await client.describe(deleteUser), { note: false });
    if (write) ctx.renderer.request(await client.describe({ operationId: 'deleteGroupAccessListEntry', pathParams: { groupId, entryValue: entry.value } }), { note: false });
    ctx.term.info(`dry run: nothing was sent and ${program} was not run; it would run with ${URI_VARIABLE} once the user and the entry are usable, between these requests`);
    return;
  }

  let userCreated: Promise<unknown> | undefined;
  let joining: Promise<JoinResult> | undefined;
  let joined: JoinResult | undefined;
  let stopKeeping: () => Promise<void> = async () => undefined;
  await runBetween(
    ctx,
    plan.command,
    {
      async do(run) {
        userCreated = client.request(createUser);
        await userCreated;
        ctx.term.info(`created the temporary database user ${plan.username} (scoped to cluster ${plan.cluster}, until ${plan.deleteAfterDate})`);
        if (run.interrupted) throw new InterruptedError();
        if (cover) {
          joined = 'foreign';
          ctx.term.info(`${entry.value} is allowed by ${cover} on ${where}: no entry added`);
        } else {
          joining = shared.join();
          joined = await joining;
        }
        if (cover) {
          // nothing of ours on the access list
        } else if (joined === 'foreign') ctx.term.info(`${entry.value} is already on ${where}; it stays there afterwards`);
        else ctx.term.info(joined === 'created' ? `added ${entry.value} to ${where} until ${plan.deleteAfterDate}` : `${entry.value} is on ${where} for other atlascli runs too`);
        if (joined !== 'foreign') await waitActive(ctx, groupId, entry, plan.waitMs);
        // the user is usable once the cluster has applied it (getGroupClusterStatus: APPLIED)
        const doc = (await waitForCluster(ctx, groupId, plan.cluster, 'IDLE', plan.waitMs, { api: found.api, applied: found.api !== 'flex' })) as Json;
        if (joined !== 'foreign' && !run.interrupted) {
          await shared.keep();
          if (!run.interrupted) stopKeeping = shared.keepEvery(KEEP_EVERY_MS);
        }
        if (run.interrupted) return;
        return { [URI_VARIABLE]: withCredentials(connectionStringOf(doc, plan.type, plan.cluster), plan.username, password) };
      },
      // the command's whole group has ended: the entry's lease is given back and the user
      // deleted (both tried, whatever fails)
      async undo() {
        await stopKeeping();
        const failures: unknown[] = [];
        if (joining) {
          await joining.catch(() => undefined);
          if (joined !== 'foreign') {
            try {
              const left = await shared.leave();
              if (left.kind === 'removed') ctx.term.info(`removed ${entry.value} from ${where}`);
              if (left.kind === 'kept') ctx.term.info(`left ${entry.value} on ${where}: other atlascli runs hold it`);
            } catch (err) {
              ctx.term.warn(`could not take ${entry.value} back from the access list: ${(err as Error).message}; it expires at ${plan.deleteAfterDate}`);
              failures.push(err);
            }
          }
        }
        if (
          userCreated &&
          (await userCreated.then(
            () => true,
            () => false,
          ))
        ) {
          try {
            await client.request(deleteUser);
            ctx.term.info(`deleted the temporary database user ${plan.username}`);
          } catch (err) {
            if (!(err instanceof AtlasApiError && err.status === 404)) {
              ctx.term.warn(`could not delete the temporary database user ${plan.username}: ${(err as Error).message}; Atlas deletes it at ${plan.deleteAfterDate}`);
              failures.push(err);
            }
          }
        }
        if (failures.length) throw failures[0];
      },
    },
    { passCredentials: opts.passCredentials },
  );
}
