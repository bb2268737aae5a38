/**
 * One simulator for a test file or describe block, started and closed by vitest hooks, so a
 * file does not write its own `let sim` / beforeAll / afterAll (/ beforeEach reset) again.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';

/**
 * Registers, in the enclosing file or describe block: beforeAll `startSimulator(options)`,
 * afterAll its close, and beforeEach its reset unless `reset: false`. Returns the simulator
 * at once, as a stand-in that passes every read (and method call) on to the one started:
 * use it as `sim` in tests, hooks and the functions they call (`runCli(args, { sim })`).
 * @throws Error when read before beforeAll has started it (at module or describe level)
 */
export function sharedSimulator(options: SimulatorOptions = {}, { reset = true }: { reset?: boolean } = {}): RunningSimulator {
  let current: RunningSimulator | undefined;
  beforeAll(async () => {
    current = await startSimulator(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  if (reset) beforeEach(() => current!.reset());
  const started = (): RunningSimulator => {
    if (!current) throw new Error('sharedSimulator: the simulator starts in beforeAll; read it inside a test or a hook');
    return current;
  };
  return new Proxy({} as RunningSimulator, {
    get(_, key) {
      const target = started();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(started(), key, value),
    has: (_, key) => Reflect.has(started(), key),
    ownKeys: () => Reflect.ownKeys(started()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(started(), key);
      return d && { ...d, configurable: true };
    },
  });
}
