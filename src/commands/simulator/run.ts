import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Context } from '../../program/context.js';
import { parseCount } from '../../args/values.js';
import { CliError, EXIT, UsageError } from '../../errors.js';

interface SimulatorFlags {
  port: string;
  host: string;
  stepMs?: string;
  clock: string;
  scenario?: string;
  record?: string;
  envOut?: string;
  printSchema?: true;
}

/** Reads and checks `--scenario`: UsageError (exit 2) naming the file and the JSON path. */
async function readScenario(file: string): Promise<unknown> {
  const { loadScenario, ScenarioError } = await import('../../simulator/index.js');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --scenario ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`invalid scenario ${file}: $: not valid JSON (${(e as Error).message})`);
  }
  try {
    loadScenario(doc);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`invalid scenario ${file}: ${e.message}`, 'atlascli simulator --print-schema prints what a scenario holds');
    throw e;
  }
  return doc;
}

/** Writes `text` to `path` with mode 0600, whole or not at all (a temporary file renamed). */
function writePrivate(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * Starts the simulator and prints, on stdout (or in `--env-out`'s file), the environment that
 * points atlascli at it (so `eval "$(atlascli simulator --port 0 &)"`-style scripts can use it);
 * the access log goes to stderr. `--print-schema` prints the scenario schema instead. Runs
 * until interrupted. Bad flags or a bad scenario: UsageError (exit 2) before listening.
 */
export async function run(ctx: Context, _args: string[], opts: SimulatorFlags): Promise<void> {
  if (opts.printSchema) {
    const { scenarioSchema } = await import('../../simulator/index.js');
    ctx.term.out(JSON.stringify(scenarioSchema(), null, 2));
    return;
  }
  const port = parseCount('--port', opts.port, { max: 65535 });
  const stepMs = opts.stepMs === undefined ? undefined : parseCount('--step-ms', opts.stepMs);
  if (opts.clock !== 'real' && opts.clock !== 'manual') throw new UsageError(`invalid --clock "${opts.clock}"`, 'use one of: real, manual');
  const clock = opts.clock;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(opts.host)) {
    throw new UsageError(`invalid --host "${opts.host}": the simulator only listens on loopback`);
  }
  const scenario = opts.scenario === undefined ? undefined : await readScenario(opts.scenario);
  const { startSimulator } = await import('../../simulator/index.js');
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ port, host: opts.host, stepMs, clock, scenario, record: opts.record, log: (line) => ctx.term.info(line) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (opts.record !== undefined && (err as NodeJS.ErrnoException).syscall === 'open') {
      throw new UsageError(`cannot write --record ${opts.record}: ${code}`);
    }
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is in use`, '--port 0 picks a free one');
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`address ${opts.host} is not available on this machine`);
    if (code === 'EACCES') throw new CliError(`port ${port} needs privileges this user does not have`, '--port 0 picks a free one');
    throw err;
  }
  const c = sim.credentials;
  const quote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  const env = [
    `export ATLAS_BASE_URL=${sim.url}`,
    `export ATLAS_PUBLIC_KEY=${quote(c.publicKey)}`,
    `export ATLAS_PRIVATE_KEY=${quote(c.privateKey)}`,
    `export ATLAS_ORG_ID=${c.orgId}`,
    ...(c.projectId ? [`export ATLAS_PROJECT_ID=${c.projectId}`] : []),
  ].join('\n');
  if (opts.envOut !== undefined) {
    try {
      writePrivate(opts.envOut, env + '\n');
    } catch (e) {
      await sim.close();
      throw new UsageError(`cannot write --env-out ${opts.envOut}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    ctx.term.info(`environment written to ${opts.envOut}`);
  } else ctx.term.out(env);
  ctx.term.info(`Atlas API simulator listening on ${sim.url} (service account: ${c.clientId}); Ctrl-C stops it`);
  if (clock === 'manual') ctx.term.info(`the clock is manual: move it with POST ${sim.url}/__simulator/clock {"advance":"PT10M"}`);
  // runs until a signal; stopping is its normal end (exit 0)
  await new Promise<never>(() => {
    ctx.cleanup.onInterrupt(async () => {
      await sim.close();
      return EXIT.ok;
    });
  });
}
