/**
 * One object knows the streams: whether stdout and stderr are terminals, whether a
 * prompt can be answered, the width, and whether colour is on. Tests build it with
 * in-memory streams and the TTY switched on or off.
 */
import type { Readable, Writable } from 'node:stream';
import { Chalk, type ChalkInstance } from 'chalk';
import { InterruptedError, OutputError, UsageError } from '../errors.js';
import { ENV } from '../environment.js';
import { printable } from './printable.js';

export type OutStream = Writable & { isTTY?: boolean; columns?: number };
export type InStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface IOStreams {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  /** The run's clock, epoch ms (default Date.now): waits read it; tests hand in the simulator's manual clock. */
  now?: () => number;
}

export interface TerminalOptions {
  /** `--no-color` given. */
  noColor?: boolean;
  /** Machine output (json, jsonl, csv): no colour, no spinner on stdout. */
  machineOutput?: boolean;
}

export interface Spinner {
  update(text: string): void;
  stop(finalText?: string): void;
}

export class Terminal {
  readonly color: ChalkInstance;
  readonly errColor: ChalkInstance;
  private scrub: (s: string) => string = (s) => s;

  constructor(
    readonly io: IOStreams,
    private readonly options: TerminalOptions = {},
  ) {
    const noColor = options.noColor === true || (io.env[ENV.noColor] !== undefined && io.env[ENV.noColor] !== '') || io.env[ENV.term] === 'dumb';
    this.color = new Chalk({ level: !noColor && !options.machineOutput && io.stdout.isTTY ? 1 : 0 });
    this.errColor = new Chalk({ level: !noColor && io.stderr.isTTY ? 1 : 0 });
  }

  get stdoutIsTTY(): boolean {
    return this.io.stdout.isTTY === true;
  }

  /** Columns of the terminal stdout is, or undefined when piped or unknown. */
  get width(): number | undefined {
    const c = this.io.stdout.columns;
    return this.stdoutIsTTY && typeof c === 'number' && c > 0 ? c : undefined;
  }

  get stderrIsTTY(): boolean {
    return this.io.stderr.isTTY === true;
  }

  /** Someone can answer a prompt: stdin and stderr are terminals, and this is not CI. */
  get canPrompt(): boolean {
    // a CI job that runs on a pseudo-terminal still has no one to answer: never prompt there
    return this.io.stdin.isTTY === true && this.io.stderr.isTTY === true && !this.inCI;
  }

  /**
   * Live progress on stderr (a spinner, a download's byte counter) redrawn in place: on a
   * terminal that reports a width, not in CI (a CI log keeps every redraw), not with
   * machine output. Elsewhere a command says what happened in plain lines.
   */
  get showsProgress(): boolean {
    return this.stderrIsTTY && (this.io.stderr.columns ?? 80) > 0 && !this.options.machineOutput && !this.inCI;
  }

  /** `CI` is set (to anything but empty or false), as CI services set it. */
  get inCI(): boolean {
    const ci = this.io.env[ENV.ci];
    return ci !== undefined && ci !== '' && ci.toLowerCase() !== 'false' && ci !== '0';
  }

  /** Every secret in play is replaced before anything reaches stderr. */
  setScrubber(scrub: (s: string) => string): void {
    this.scrub = scrub;
  }

  /**
   * Data, on stdout: one write per call, so a line (a jsonl document) is never split
   * by an interruption between writes.
   * @throws OutputError when stdout cannot take it (ENOSPC on a full disk, EPIPE)
   */
  out(text: string): void {
    try {
      this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    } catch (err) {
      throw outputError(err);
    }
  }

  /**
   * Messages for people, on stderr, one line each: the values they echo (a file name
   * typed with an escape in it, a name Atlas sent) are shown with control characters as
   * visible escapes (src/output/printable.ts), never raw.
   */
  info(text: string): void {
    this.io.stderr.write(`${printable(this.scrub(text))}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`${this.errColor.yellow(printable(this.scrub(text)))}\n`);
  }

  error(text: string): void {
    this.io.stderr.write(`${printable(this.scrub(text))}\n`);
  }

  /**
   * A spinner on a terminal (stderr), its text followed by the time spent, kept up to date
   * each second: `cluster demo: UPDATING · 1m 12s`. Elsewhere (piped, CI, machine output)
   * one line per change of text, so logs show progress without control characters.
   */
  async spinner(text: string): Promise<Spinner> {
    // a terminal that reports no width (a pty without a size) sends ora into an endless clear loop
    if (this.showsProgress) {
      const { default: ora } = await import('ora');
      // discardStdin would put the terminal in raw mode and (ora 9 on a fresh stdin) swallow
      // Ctrl-C; in cooked mode Ctrl-C is a real SIGINT and the bin exits 130.
      const started = Date.now();
      let current = text;
      const withTime = (): string => `${current} · ${elapsed(Date.now() - started)}`;
      const s = ora({ text: withTime(), stream: this.io.stderr, color: 'cyan', isEnabled: true, discardStdin: false }).start();
      const clock = setInterval(() => (s.text = withTime()), 1000);
      clock.unref();
      let stopped = false;
      return {
        update: (t) => {
          current = t;
          if (!stopped) s.text = withTime();
        },
        stop: (finalText) => {
          if (stopped) return;
          stopped = true;
          clearInterval(clock);
          if (finalText) s.succeed(`${finalText} (${elapsed(Date.now() - started)})`);
          else s.stop();
        },
      };
    }
    let last = '';
    const line = (t: string): void => {
      if (t !== last) this.info(t);
      last = t;
    };
    line(text);
    return { update: line, stop: (finalText) => finalText && line(finalText) };
  }

  /**
   * Asks a yes/no question on a terminal. Without one it refuses with a usage error
   * naming the flag that skips the question, so nothing ever blocks a pipeline.
   */
  async confirm(question: string, refusal: string): Promise<boolean> {
    if (!this.canPrompt) throw new UsageError(refusal, 'pass --force (or --yes) to go ahead without a prompt');
    const answer = await this.ask(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  }

  /** Reads one line from the terminal; `secret` hides what is typed. */
  async ask(question: string, secret = false): Promise<string> {
    const { createInterface } = await import('node:readline');
    const output = this.io.stderr;
    const rl = createInterface({ input: this.io.stdin, output, terminal: true });
    if (secret) {
      const rlAny = rl as unknown as { _writeToOutput: (s: string) => void };
      let prompted = false;
      rlAny._writeToOutput = (s: string) => {
        if (!prompted) {
          output.write(s);
          prompted = true;
        } else if (s.includes('\n') || s.includes('\r')) output.write('\n');
      };
    }
    try {
      return await new Promise<string>((resolve, reject) => {
        rl.once('SIGINT', () => reject(new InterruptedError()));
        rl.question(question, resolve);
      });
    } finally {
      rl.close();
    }
  }
}

/** Time spent, for people: `12s`, `1m 12s`, `2h 5m`. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** A failed write to stdout as the one-line error users see (`cannot write the output: ENOSPC`). */
export function outputError(err: unknown): OutputError {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const why = code === 'ENOSPC' ? ' (no space left on the device)' : code === 'EPIPE' ? ' (the reader went away)' : '';
  return new OutputError(`cannot write the output to stdout: ${code ?? (e instanceof Error ? e.message : String(err))}${why}`, code);
}
