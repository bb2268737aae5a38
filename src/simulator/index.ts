// The Atlas Administration API v2 simulator: a real HTTP server on loopback that answers
// like Atlas (Digest and OAuth auth, versioned media types, ApiError bodies, pagination,
// a cluster state machine), refuses requests that do not conform to the official spec,
// and can inject faults. Every startSimulator() call is independent.
import { SimClock } from './clock.js';
import { DEFAULT_REQUEST_LOG_SIZE, type RequestLog } from './request-log.js';
import { SEED, seedState } from './seed.js';
import { recordTo } from './record-file.js';
import { loadScenario, seedScenario } from './scenario.js';
import { SimulatorServer } from './server.js';
import { SimulatorState } from './state.js';
import type { FaultControl, SimulatorCredentials, SimulatorOptions } from './types.js';

export type { Fault, FaultControl, RecordedRequest, SimulatorCredentials, SimulatorOptions, AuthKind } from './types.js';
export { SimulatorState } from './state.js';
export { SEED } from './seed.js';
export { ApiError } from './errors.js';
export { SimClock, type ClockMode } from './clock.js';
export { RequestLog } from './request-log.js';
export { ScenarioError, loadScenario, readScenarioFile, scenarioSchema, type Scenario, type LoadedScenario } from './scenario.js';
export { recordLine } from './record-file.js';

/** API key (HTTP Digest) of the simulator. */
export const SIM_PUBLIC_KEY = 'simpublickey';
export const SIM_PRIVATE_KEY = 'sim-private-key-0000';
/** Service account (OAuth 2.0 client credentials) of the simulator. */
export const SIM_CLIENT_ID: string = SEED.serviceAccount.clientId;
export const SIM_CLIENT_SECRET: string = SEED.serviceAccount.clientSecret;
/** Seeded organization and default project. */
export const SIM_ORG_ID = SEED.orgId;
export const SIM_PROJECT_ID = SEED.projectId;

export const DEFAULT_CREDENTIALS: Readonly<SimulatorCredentials> = Object.freeze({
  publicKey: SIM_PUBLIC_KEY,
  privateKey: SIM_PRIVATE_KEY,
  clientId: SIM_CLIENT_ID,
  clientSecret: SIM_CLIENT_SECRET,
  orgId: SIM_ORG_ID,
  projectId: SIM_PROJECT_ID,
});

export interface RunningSimulator {
  /** base URL, e.g. http://127.0.0.1:41234 (the API root is url + /api/atlas/v2) */
  url: string;
  port: number;
  credentials: SimulatorCredentials;
  /**
   * every request that reached the API, in order (auth challenges included): the last
   * `requestLogSize` kept, `length` counting all since the last clear (request-log.ts)
   */
  requests: RequestLog;
  faults: FaultControl;
  state: SimulatorState;
  /** the clock every state change follows: `now()` (epoch ms), `advance(ms)`, `mode` */
  clock: SimClock;
  /** clears requests, faults, tokens and rate-limit windows, and reseeds the state (the clock keeps its time) */
  reset(): void;
  /** makes every issued OAuth token expire now */
  expireTokens(): void;
  close(): Promise<void>;
}

/**
 * Starts a simulator on `opts.host`:`opts.port` (default 127.0.0.1, an ephemeral port).
 * With `opts.scenario` the state is the scenario's alone (scenario.ts) and its credentials
 * are the simulator's; with `opts.record` every answered request is appended to that file.
 * Throws ScenarioError (naming the JSON path) for a bad scenario, TypeError for an unknown
 * clock mode, RangeError for a request log size below 1, and the open error of the record
 * file or the listen error (EADDRINUSE, …) as Node raises it.
 */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const loaded = opts.scenario === undefined ? undefined : loadScenario(opts.scenario);
  const credentials: SimulatorCredentials = { ...DEFAULT_CREDENTIALS };
  if (loaded) {
    Object.assign(credentials, loaded.scenario.credentials ?? {});
    credentials.orgId = loaded.orgIds[0]!;
    credentials.projectId = loaded.projectIds[0]?.[0] ?? '';
  }
  const clock = new SimClock(opts.clock ?? 'real');
  const extraProjects = opts.seed?.extraProjects ?? 0;
  const fleet = opts.seed?.fleet;
  const state = new SimulatorState({
    clock,
    ...(opts.stepMs === undefined ? {} : { stepMs: opts.stepMs }),
    seed: (s) => (loaded ? seedScenario(s, loaded) : seedState(s, { extraProjects, fleet })),
  });
  const server = new SimulatorServer(state, {
    clock,
    nonceTtlMs: opts.nonceTtlMs ?? 60_000,
    tokenTtlSec: opts.tokenTtlSec ?? 3600,
    tokenRateLimit: opts.tokenRateLimit ?? { limit: 10, windowMs: 60_000 },
    rateLimit: opts.rateLimit,
    deprecationHeaders: opts.deprecationHeaders ?? true,
    requestLogSize: opts.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE,
    log: opts.log,
    credentials,
    faults: loaded?.scenario.faults,
  });
  const stopRecording = opts.record === undefined ? undefined : recordTo(server.requests, opts.record);
  let addr;
  try {
    addr = await server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  } catch (e) {
    stopRecording?.();
    throw e;
  }
  return {
    url: server.baseUrl,
    port: addr.port,
    credentials,
    requests: server.requests,
    faults: server.faults,
    state,
    clock,
    reset: () => server.reset(),
    expireTokens: () => server.oauth.expireAll(),
    close: async () => {
      await server.close();
      stopRecording?.();
    },
  };
}
