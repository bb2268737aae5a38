/**
 * What must not outlive an interrupted run: temporary files (a half-written download)
 * and other cleanup hooks. Code that makes such a thing registers it here and
 * unregisters it when done; the bin entry runs what is left on SIGINT, SIGTERM and
 * a failed stdout, before it exits. Hooks must be synchronous: the process ends next.
 */
import { rmSync } from 'node:fs';

const tempFiles = new Set<string>();
const hooks = new Set<() => void>();

/** Removes `path` (a file or folder) if the run is cut short; call the returned function once it is kept or gone. */
export function registerTempFile(path: string): () => void {
  tempFiles.add(path);
  return () => void tempFiles.delete(path);
}

/** Runs `hook` if the run is cut short; call the returned function when it is no longer needed. */
export function registerCleanup(hook: () => void): () => void {
  hooks.add(hook);
  return () => void hooks.delete(hook);
}

/** Runs every hook and removes every registered temp file; failures are ignored (best effort). */
export function runCleanup(): void {
  for (const hook of [...hooks]) {
    try {
      hook();
    } catch {
      // best effort: the process is ending
    }
  }
  hooks.clear();
  for (const path of tempFiles) {
    try {
      rmSync(path, { force: true, recursive: true });
    } catch {
      // best effort
    }
  }
  tempFiles.clear();
}

let owner: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * A command that ends gracefully on a signal (the simulator closes its server) takes
 * SIGINT/SIGTERM over from the bin entry's default (message, cleanup, exit 130/143).
 * Returns a function that gives them back.
 */
export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): () => void {
  owner = handler;
  return () => {
    if (owner === handler) owner = undefined;
  };
}

/** The handler a command installed with takeOverSignals, if any. */
export function signalOwner(): ((signal: NodeJS.Signals) => void) | undefined {
  return owner;
}
