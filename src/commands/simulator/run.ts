import type { Context } from '../../context.js';
import { parseCount } from '../../args.js';
import { UsageError } from '../../errors.js';

/**
 * Starts the simulator and prints, on stdout, the environment that points atlascli at
 * it (so `eval "$(atlascli simulator --port 0 &)"`-style scripts can use it); the
 * access log goes to stderr. Runs until interrupted.
 */
export async function run(ctx: Context, _args: string[], opts: { port: string; host: string; stepMs: string }): Promise<void> {
  const port = parseCount('--port', opts.port);
  if (port > 65535) throw new UsageError(`invalid --port "${opts.port}": give 0 to 65535`);
  const stepMs = parseCount('--step-ms', opts.stepMs);
  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(opts.host)) {
    throw new UsageError(`invalid --host "${opts.host}": the simulator only listens on loopback`);
  }
  const { startSimulator } = await import('../../simulator/index.js');
  const sim = await startSimulator({ port, host: opts.host, stepMs, log: (line) => ctx.term.info(line) });
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
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void sim.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
