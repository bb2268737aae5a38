/**
 * What must happen when the run is interrupted (Ctrl-C, SIGTERM) before the process
 * exits: temp files removed, an access-list entry taken back, a child process ended.
 * The bin entry runs the hooks on SIGINT/SIGTERM, then exits 130/143 — or with the exit
 * code a hook returns (`whitelist exec` exits with its command's code; `simulator`, whose
 * normal end is a signal, exits 0). Hooks run newest first, each at most once; a failing
 * hook does not stop the others.
 */
export type InterruptHook = (signal: NodeJS.Signals) => Promise<number | void> | number | void;

const hooks: InterruptHook[] = [];

/** Registers a hook; the returned function unregisters it (call it when the work is done). */
export function onInterrupt(hook: InterruptHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.lastIndexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/**
 * Runs every registered hook, newest first, within `budgetMs` in all (default 15 s).
 * Returns the exit code the newest hook that returned one asked for, else undefined.
 */
export async function runInterruptHooks(signal: NodeJS.Signals, budgetMs = 15_000): Promise<number | undefined> {
  const pending = hooks.splice(0).reverse();
  let code: number | undefined;
  const all = (async () => {
    for (const hook of pending) {
      try {
        const asked = await hook(signal);
        if (typeof asked === 'number' && code === undefined) code = asked;
      } catch {
        // best effort: the next hook still runs
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, budgetMs)))]);
  clearTimeout(timer);
  return code;
}
