import type { Context } from '../../program/context.js';
import { parseCount } from '../../args/values.js';
import { CliError, EXIT, UsageError } from '../../errors.js';

/**
 * Starts the simulator and prints, on stdout, the environment that points atlascli at
 * it (so `eval "$(atlascli simulator --port 0 &)"`-style scripts can use it); the
 * access log goes to stderr. Runs until interrupted.
 */
export async function run(ctx: Context, _args: string[], opts: { port: string; host: string; stepMs: string; clock: string }): Promise<void> {
  const port = parseCount('--port', opts.port, { max: 65535 });
  const stepMs = parseCount('--step-ms', opts.stepMs);
  if (opts.clock !== 'real' && opts.clock !== 'manual') throw new UsageError(`invalid --clock "${opts.clock}"`, 'use one of: real, manual');
  const clock = opts.clock;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(opts.host)) {
    throw new UsageError(`invalid --host "${opts.host}": the simulator only listens on loopback`);
  }
  const { startSimulator } = await import('../../simulator/index.js');
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ port, host: opts.host, stepMs, clock, log: (line) => ctx.term.info(line) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is in use`, '--port 0 picks a free one');
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`address ${opts.host} is not available on this machine`);
    if (code === 'EACCES') throw new CliError(`port ${port} needs privileges this user does not have`, '--port 0 picks a free one');
    throw err;
  }
  const c = sim.credentials;
  ctx.term.out(
    [
      `export ATLAS_BASE_URL=${sim.url}`,
      `export ATLAS_PUBLIC_KEY=${c.publicKey}`,
      `export ATLAS_PRIVATE_KEY=${c.privateKey}`,
      `export ATLAS_ORG_ID=${c.orgId}`,
      `export ATLAS_PROJECT_ID=${c.projectId}`,
    ].join('\n'),
  );
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
