// Every help example of these groups, pasted into a shell against a fresh simulator, does what
// the help says: a user who copied `service-account get mdb_sa_id_0123…` or
// `stream processor start sp-main solar` got exit 4 (not found), as they named ids and names
// the simulator's seed does not have, and `team create developers …` got exit 5 (the seed has
// that team). Each group starts from a fresh simulator and runs its examples in the order
// `--help` prints them (a command's own help, then its subcommands'), as a user reading down
// the help would: an example that makes something comes before the ones that use it. Each
// exits 0 unless ALLOWED lists it with its exit code and why; an example whose id is one Atlas
// makes at creation runs again with the id the simulator then lists (ALLOWED[…].made), and
// must then work.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleLines, words, type ExampleLine } from '../helpers/examples.js';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { stepPerPoll } from '../simulator/helpers.js';

const GROUPS = ['custom-role', 'stream', 'team', 'search-index', 'service-account', 'invitation', 'cloud-access', 'private-endpoint', 'network', 'auth', 'whoami', 'audit', 'api'];

/** Moves the manual clock by this much per poll answered (stepPerPoll): a --wait sees its states go by. */
const STEP = 5000;

const sim = sharedSimulator({ port: 0, stepMs: STEP, clock: 'manual' }, { reset: false });

/** Lists with `atlascli <args> -o json` (the document printed). */
type Lister = (args: string[]) => Promise<any>;

/**
 * An example whose id is one Atlas made at creation, run again (after as written) with the id
 * a user would put in: picked from what the simulator lists then. It must exit `code` (default 0).
 */
interface Made {
  /** what stands for the id in the example */
  fake: string;
  pick: (list: Lister) => Promise<string | undefined>;
  code?: number;
}

type Allowed = ({ code: number; why: string } | { notRun: string }) & { made?: Made };

const first =
  (args: string[], key: string, when: (d: any) => boolean = () => true) =>
  async (list: Lister) =>
    ((await list(args)) as any[]).find(when)?.[key] as string | undefined;

const GENERATED = 'an id Atlas generates at creation (the create before it prints it)';
const FILE = 'a --file the user writes first';
const PROMPT = 'a prompt: it needs a terminal (without --force, on no terminal: exit 2)';

const SA = 'mdb_sa_id_aa0123456789abcdef0123aa'; // the simulator's own service account (SEED.serviceAccount)
const MADE = '6a0123456789abcdef012345'; // stands for an id the create before it printed
const ID = '6b0c2a8e5f1d3c4b7a9e0f12'; // stands for a cloud-access role, endpoint service, container or peering id the create printed
const INDEX = '6a7944f22c88faeba59d3572';

const SEED_SECRET = 'ab0123456789abcdef0123ab'; // the secret the simulator logs its service account in with
const anIndex = first(['search-index', 'list', 'Cluster0'], 'indexID');
const unauthorized = first(['cloud-access', 'list'], 'roleId', (r) => !r.iamAssumedRoleArn);
/** An AWS endpoint service with no interface endpoint yet. */
const idleService = first(['private-endpoint', 'list', '--provider', 'AWS'], 'id', (e) => !(e.interfaceEndpoints ?? []).length);
/** A container of `cloud` that no peering connection uses. */
const unpeered = (cloud: string) => async (list: Lister) => {
  const peered = new Set(((await list(['network', 'peering', 'list'])) as any[]).map((p) => p.containerId));
  return ((await list(['network', 'container', 'list'])) as any[]).find((c) => c.providerName === cloud && !peered.has(c.id))?.id as string | undefined;
};

/** The examples that do not exit 0 as written: the exit code each must have and why, or why it is not run. */
const ALLOWED: Record<string, Allowed> = {
  // stream
  'atlascli stream connection create sp-main --file kafka.json': { code: 2, why: FILE },
  'atlascli stream processor create sp-main --file solar.json': { code: 2, why: FILE },
  // team
  'atlascli team delete ops': { code: 2, why: PROMPT },
  // search-index: an index id is Atlas's, made by the create
  [`atlascli search-index get Cluster0 ${INDEX}`]: { code: 4, why: GENERATED, made: { fake: INDEX, pick: anIndex } },
  [`atlascli search-index get Cluster0 ${INDEX} --query '{definition: latestDefinition}' -o json > def.json`]: { code: 4, why: GENERATED, made: { fake: INDEX, pick: anIndex } },
  [`atlascli search-index create Cluster0 --file index.json --dry-run`]: { code: 2, why: FILE },
  [`atlascli search-index update Cluster0 ${INDEX} --file def.json --wait`]: { code: 4, why: GENERATED, made: { fake: INDEX, pick: anIndex } },
  [`echo '{"definition":{"mappings":{"dynamic":true}}}' | atlascli search-index update Cluster0 ${INDEX} --file -`]: {
    code: 4,
    why: GENERATED,
    made: { fake: INDEX, pick: first(['search-index', 'list', 'Cluster0'], 'indexID', (i) => i.type !== 'vectorSearch') },
  },
  [`atlascli search-index delete Cluster0 ${INDEX} --force`]: { code: 4, why: GENERATED, made: { fake: INDEX, pick: anIndex } },
  // service-account: a client id and a secret id are Atlas's, made by the creates
  'atlascli service-account delete mdb_sa_id_0123456789abcdef01234567 --force': {
    code: 4,
    why: GENERATED,
    made: { fake: 'mdb_sa_id_0123456789abcdef01234567', pick: first(['service-account', 'list'], 'clientId', (a) => a.clientId !== SA) },
  },
  [`atlascli service-account secret delete ${SA} ${MADE} --force`]: {
    code: 4,
    why: GENERATED,
    made: { fake: MADE, pick: async (list) => ((await list(['service-account', 'get', SA])).secrets as any[]).find((x) => x.id !== SEED_SECRET)?.id },
  },
  // cloud-access: a role id is Atlas's, made by `cloud-access create`
  'atlascli cloud-access authorize <roleId> --iam-role-arn arn:aws:iam::123456789012:role/atlas-access': { notRun: GENERATED, made: { fake: '<roleId>', pick: unauthorized } },
  [`atlascli cloud-access authorize ${ID} --iam-role-arn arn:aws:iam::123456789012:role/atlas-access`]: { code: 4, why: GENERATED, made: { fake: ID, pick: unauthorized } },
  [`atlascli cloud-access deauthorize ${ID} --force`]: {
    code: 4,
    why: GENERATED,
    made: { fake: ID, pick: first(['cloud-access', 'list'], 'roleId', (r) => r.iamAssumedRoleArn) },
  },
  // private-endpoint: an endpoint service id is Atlas's, made by `private-endpoint create`
  'atlascli private-endpoint interface create <serviceId> vpce-0a1b2c3d4e5f67890 --provider AWS --wait': { notRun: GENERATED, made: { fake: '<serviceId>', pick: idleService } },
  [`atlascli private-endpoint get ${ID} --provider AWS`]: { code: 4, why: GENERATED, made: { fake: ID, pick: first(['private-endpoint', 'list', '--provider', 'AWS'], 'id') } },
  [`atlascli private-endpoint delete ${ID} --provider AWS --force --wait`]: { code: 4, why: GENERATED, made: { fake: ID, pick: idleService } },
  // (not run again with a made id: the service the examples made already has this endpoint, from the group's example)
  [`atlascli private-endpoint interface create ${ID} vpce-0a1b2c3d4e5f67890 --provider AWS --wait`]: { code: 4, why: GENERATED },
  [`atlascli private-endpoint interface create ${ID} /subscriptions/<uuid>/resourceGroups/app/providers/Microsoft.Network/privateEndpoints/atlas --provider AZURE --ip 10.0.0.4`]: {
    notRun: `${GENERATED}; <uuid> is the user's Azure subscription`,
  },
  // (not run again with a made id: no example makes a GCP endpoint service)
  [`atlascli private-endpoint interface create ${ID} atlas-group --provider GCP --gcp-project-id p-fdeeb3e43b8e733e5ab627b1 --endpoint atlas-0=10.0.0.5`]: {
    code: 4,
    why: GENERATED,
  },
  // network: container and peering ids are Atlas's, made by the creates
  'atlascli network peering create --container <id> --aws-account 123456789012 --vpc vpc-0a1b2c3d4e5f67890 --route-table-cidr 10.0.0.0/16 --wait': {
    notRun: GENERATED,
    made: { fake: '<id>', pick: unpeered('AWS') },
  },
  [`atlascli network container delete ${ID} --force`]: { code: 4, why: GENERATED, made: { fake: ID, pick: unpeered('AZURE') } },
  [`atlascli network peering create --container ${ID} --aws-account 123456789012 --vpc vpc-0a1b2c3d4e5f67890 --route-table-cidr 10.0.0.0/16 --wait`]: {
    code: 4,
    why: GENERATED,
    made: { fake: ID, pick: unpeered('AWS') },
  },
  [`atlascli network peering create --container ${ID} --azure-directory <uuid> --azure-subscription <uuid> --resource-group app --vnet app-vnet`]: {
    notRun: `${GENERATED}; <uuid> are the user's Azure directory and subscription`,
  },
  [`atlascli network peering create --container ${ID} --gcp-project my-project-123 --network default`]: { code: 4, why: GENERATED, made: { fake: ID, pick: unpeered('GCP') } },
  [`atlascli network peering delete ${ID} --force --wait`]: { code: 4, why: GENERATED, made: { fake: ID, pick: first(['network', 'peering', 'list'], 'id') } },
  // auth: the simulator's credentials are an API key, which has no token (exit 2 by design)
  'atlascli auth token': { code: 2, why: 'API keys have no access token (a service account has): the point of the example is the token of one' },
  'curl -H "Authorization: Bearer $(atlascli auth token)" -H "Accept: application/vnd.atlas.2023-01-01+json" https://cloud.mongodb.com/api/atlas/v2/groups': {
    code: 2,
    why: 'API keys have no access token (a service account has)',
  },
  // audit: the point is the exit code when there are findings
  'atlascli audit --all-projects --fail-on warning -o json': { code: 1, why: 'exit 1 when there are findings at or above warning: the seed has 6' },
  // api
  'atlascli api createGroup --body - < project.json': { code: 1, why: `${FILE} (the shell cannot open project.json: exit 1)` },
  'atlascli api downloadGroupClusterLog --hostName <host> --logName mongodb --out mongodb.log.gz': { notRun: "<host> is one of the project's hosts, which the user fills in" },
};

/**
 * What the error of an allowed exit says, by its `why` (the first that `why` starts with): an
 * example that fails must fail for the reason ALLOWED gives, not for another with the same code.
 */
const REASONS: Array<[string, RegExp]> = [
  [GENERATED, / 404 [A-Z_]+_NOT_FOUND: |"status":404,"errorCode":"[A-Z_]+_NOT_FOUND"/],
  [FILE, /^atlascli: cannot read --file "[^"]+": no such file|^sh: [^:]+: No such file or directory$/],
  [PROMPT, /without --force: no terminal to confirm on/],
  ['API keys have no access token', /^atlascli: API keys have no access token/],
  ['exit 1 when there are findings', /"detail":"audit failed: \d+ findings at or above warning"/],
];

/** A line as the shell runs it: `VAR=$(…)`, `curl … $(atlascli …)`, `echo '…' | atlascli …`, `… | jq …`, `… > file`, `… < file`. */
async function runLine(line: string, cwd: string): Promise<CliResult> {
  let cmd = line;
  let stdin: string | undefined;
  const sub = /\$\((atlascli [^)]*)\)/.exec(line);
  if (!line.startsWith('atlascli ') && !line.startsWith('echo ') && sub) cmd = sub[1]!;
  const echo = /^echo '([^']*)' \| (atlascli .*)$/.exec(cmd);
  if (echo) [stdin, cmd] = [echo[1]!, echo[2]!];
  const tokens = [...cmd.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => ({ raw: m[0], word: m[1] ?? m[2] ?? m[3]! }));
  const args: string[] = [];
  let out: string | undefined;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.raw === '|') break;
    if (t.raw === '>') out = tokens[++i]!.word;
    else if (t.raw === '<') {
      const file = join(cwd, tokens[++i]!.word);
      // as a shell: a file it cannot open fails the line before the command starts
      if (!existsSync(file))
        return { code: 1, stdout: '', stdoutBytes: Buffer.alloc(0), stderr: `sh: ${tokens[i]!.word}: No such file or directory\n`, json: () => JSON.parse('') };
      stdin = readFileSync(file, 'utf8');
    } else args.push(t.word);
  }
  const prev = process.cwd();
  process.chdir(cwd);
  try {
    const r = await runCli(args, { sim, env: { ATLASCLI_POLL_MS: '1', PWD: cwd }, now: () => sim.clock.now(), ...(stdin !== undefined ? { stdin } : {}) });
    if (out !== undefined) writeFileSync(join(cwd, out), r.stdout);
    return r;
  } finally {
    process.chdir(prev);
  }
}

interface Outcome extends ExampleLine {
  code: number | null;
  error: string;
  /** the exit code a run with the id Atlas made must have */
  made?: number;
}

const errorOf = (r: CliResult) => /^(?:atlascli: |sh: |\{"error")(.*)$/m.exec(r.stderr)?.[0] ?? '';

/** Runs the examples of `group` in help order, from a fresh simulator, in a fresh working directory. */
async function runGroup(group: string): Promise<Outcome[]> {
  sim.reset();
  const cwd = tempDir('atlascli-examples-');
  const stop = stepPerPoll(sim, STEP);
  const outcomes: Outcome[] = [];
  try {
    for (const ex of await exampleLines([group])) {
      const allowed = ALLOWED[ex.line];
      if (!allowed || !('notRun' in allowed)) {
        if (words(ex.line).some((w) => /<[^>]*>/.test(w))) {
          outcomes.push({ ...ex, code: null, error: 'a <placeholder> not listed in ALLOWED' });
          continue;
        }
        const r = await runLine(ex.line, cwd);
        outcomes.push({ ...ex, code: r.code, error: errorOf(r) });
      }
      if (allowed?.made) {
        const id = await allowed.made.pick(async (args) => (await runCli([...args, '-o', 'json'], { sim })).json());
        const line = ex.line.replace(allowed.made.fake, id ?? '(none listed)');
        const r = id === undefined ? undefined : await runLine(line, cwd);
        outcomes.push({ ...ex, line: `${line}  # the id Atlas made`, code: r?.code ?? null, error: r ? errorOf(r) : 'no such id listed', made: allowed.made.code ?? 0 });
      }
    }
  } finally {
    stop();
  }
  return outcomes;
}

describe('help examples, run as written against a fresh simulator', () => {
  it.each(GROUPS)('atlascli %s: each example exits 0, or as ALLOWED says', async (group) => {
    const outcomes = await runGroup(group);
    expect(outcomes.length).toBeGreaterThan(0);
    const got = outcomes.map((o) => `${o.code} ${o.line}${o.code === 0 ? '' : ` :: ${o.error}`}`);
    const want = outcomes.map((o) => {
      if (o.made !== undefined) return `${o.made} ${o.line}${o.made === 0 ? '' : ` :: ${o.error}`}`;
      const a = ALLOWED[o.line];
      return a && 'code' in a ? `${a.code} ${o.line}${a.code === 0 ? '' : ` :: ${o.error}`}` : `0 ${o.line}`;
    });
    // EXAMPLES_DUMP=<dir>: each group's outcomes in <dir>/<group>.txt (to count them, or to see them all at once)
    if (process.env.EXAMPLES_DUMP) writeFileSync(`${process.env.EXAMPLES_DUMP}/${group}.txt`, `${got.join('\n')}\n`);
    expect(got).toEqual(want);
    // and each allowed failure is the one ALLOWED gives the reason of
    const otherReason = outcomes.flatMap((o) => {
      const a = ALLOWED[o.line];
      if (o.made !== undefined || !a || !('code' in a)) return [];
      const reason = REASONS.find(([why]) => a.why.startsWith(why))?.[1];
      return reason?.test(o.error) ? [] : [`${o.line} (${a.why}) :: ${o.error}`];
    });
    expect(otherReason).toEqual([]);
  });

  it('ALLOWED names only examples the help prints', async () => {
    const lines = new Set((await exampleLines(GROUPS)).map((l) => l.line));
    expect(Object.keys(ALLOWED).filter((l) => !lines.has(l))).toEqual([]);
  });
});
