/**
 * What must happen when the run is interrupted (Ctrl-C, SIGTERM) before the process
 * exits: temp files removed, an access-list entry taken back, a child process ended.
 * The bin entry runs the hooks on SIGINT/SIGTERM, then exits 130/143. Hooks run newest
 * first, each at most once; a failing hook does not stop the others.
 */
export type InterruptHook = (signal: NodeJS.Signals) => Promise<void> | void;

const hooks: InterruptHook[] = [];

/** Registers a hook; the returned function unregisters it (call it when the work is done). */
export function onInterrupt(hook: InterruptHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.lastIndexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Runs every registered hook, newest first, within `budgetMs` in all (default 15 s). */
export async function runInterruptHooks(signal: NodeJS.Signals, budgetMs = 15_000): Promise<void> {
  const pending = hooks.splice(0).reverse();
  const all = (async () => {
    for (const hook of pending) {
      try {
        await hook(signal);
      } catch {
        // best effort: the next hook still runs
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, budgetMs)))]);
  clearTimeout(timer);
}
