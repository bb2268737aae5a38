/**
 * What must not outlive an interrupted run: temporary files (a half-written download),
 * a temporary access-list entry, a child process. Code that makes such a thing registers
 * a hook on the run's `Cleanup` (`ctx.cleanup`) and unregisters it when done. The bin entry
 * makes one `Cleanup` for its run, hands it to `main`, and on SIGINT, SIGTERM and SIGHUP
 * runs its hooks, then exits 130/143/129 — or with the exit code a hook returns
 * (`whitelist exec` exits with its command's code; `simulator`, whose normal end is a
 * signal, exits 0). Hooks run newest first, each at most once; a failing hook does not
 * stop the others. Temp files are also removed on any other way out (a failed stdout,
 * the end of the run).
 *
 * One `Cleanup` per run, never a module-level registry: runs in one process (tests,
 * a program that embeds the CLI) neither see nor run each other's hooks.
 */
import { rmSync } from 'node:fs';

export type InterruptHook = (signal: NodeJS.Signals) => Promise<number | void> | number | void;

export class Cleanup {
  private readonly hooks: InterruptHook[] = [];
  private readonly tempFiles = new Set<string>();

  /** Registers a hook; the returned function unregisters it (call it when the work is done). */
  onInterrupt(hook: InterruptHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.lastIndexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /** Removes `path` (a file or folder) if the run is cut short; call the returned function once it is kept or gone. */
  registerTempFile(path: string): () => void {
    this.tempFiles.add(path);
    return () => void this.tempFiles.delete(path);
  }

  /** Hooks registered and not yet run or unregistered. */
  get pending(): number {
    return this.hooks.length;
  }

  /** Removes every registered temp file, synchronously (the process may end next); best effort. */
  removeTempFiles(): void {
    for (const path of this.tempFiles) {
      try {
        rmSync(path, { force: true, recursive: true });
      } catch {
        // best effort: the process is ending
      }
    }
    this.tempFiles.clear();
  }

  /**
   * Runs every registered hook, newest first, within `budgetMs` in all (default 15 s), then
   * removes the temp files. Returns the exit code the newest hook that returned one asked
   * for, else undefined.
   */
  async interrupt(signal: NodeJS.Signals, budgetMs = 15_000): Promise<number | undefined> {
    const pending = this.hooks.splice(0).reverse();
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
    this.removeTempFiles();
    return code;
  }
}
