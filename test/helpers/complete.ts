/**
 * Shell completion for end-to-end tests: what TAB offers, asked the way the shipped
 * scripts ask it (`atlascli __complete <words…>`), in-process through runCli.
 */
import { expect } from 'vitest';
import { runCli, type RunOptions } from './cli.js';

/**
 * The candidates `atlascli __complete` prints for a command line, without their
 * descriptions (what stands before a tab), in the order printed; expects exit 0.
 *
 * `line`: the words typed after `atlascli`, the last one being completed; a string is
 * split at single spaces, so a trailing space completes an empty word. `opts` as runCli's
 * (`sim` for live look-ups of names); ATLASCLI_COMPLETE_TIMEOUT_MS is 20000 unless
 * `opts.env` sets it, so a busy machine does not cut a live look-up short.
 */
export async function complete(line: string | readonly string[], opts: RunOptions = {}): Promise<string[]> {
  const words = typeof line === 'string' ? line.split(' ') : [...line];
  const r = await runCli(['__complete', ...words], { ...opts, env: { ATLASCLI_COMPLETE_TIMEOUT_MS: '20000', ...opts.env } });
  expect(r.code).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!);
}
