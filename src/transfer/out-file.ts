/**
 * Where a download goes, for every command that saves one (`logs download --out`, `logs
 * cluster --out-dir`, `api … --out`): the checks of the target made before any request
 * is sent (UsageError, exit 2), and the rules all of them follow once the answer is
 * there:
 * - `--out -` is stdout; gzip data is not written to a terminal (as gzip refuses to);
 * - an existing file is kept unless --force;
 * - a download to a file whose body broke off is run again from scratch (a new request,
 *   a new temporary file: the API client's retries); one to stdout only while nothing
 *   went out yet.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** The `--out` value that means stdout. */
export const STDOUT = '-';

export interface OutFileOptions {
  /** The flag named in errors (default `--out`). */
  flag?: string;
  /** Overwrite an existing file (the global --force). */
  force: boolean;
  /** Whether stdout is a terminal (for `--out -`). */
  stdoutIsTTY?: boolean;
  /** What would go to stdout is compressed (gzip): refused when stdout is a terminal. */
  compressed?: boolean;
  /** What else to do, first in the hint of that refusal (e.g. "add --decompress"). */
  insteadHint?: string;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks an `--out` value before anything is sent.
 * @returns `-` (STDOUT) for stdout, otherwise the file's absolute path
 * @throws UsageError (exit 2): `--out is empty`; `--out "d" is a folder: give a file
 *   name` (also `d/`, existing or not); a device, pipe or socket (`/dev/null`: a download
 *   renames a whole file onto its target, which would replace it); `--out "x/y.gz": the
 *   folder <abs x> does not exist`; `--out "f" exists` (without `force`); `--out -` with
 *   compressed data while stdout is a terminal
 */
export function checkOutFile(value: string, o: OutFileOptions): string {
  const flag = o.flag ?? '--out';
  if (value === '') throw new UsageError(`${flag} is empty`, `give a file name, or ${flag} - for stdout`);
  if (value === STDOUT) {
    if (o.stdoutIsTTY && o.compressed) {
      throw new UsageError('compressed data not written to a terminal', `${o.insteadHint ? `${o.insteadHint}, or ` : ''}redirect stdout to a file (> log.gz)`);
    }
    return STDOUT;
  }
  const abs = resolve(value);
  const stats = statOf(abs);
  if (stats?.isDirectory()) throw new UsageError(`${flag} "${value}" is a folder: give a file name`);
  // `x/` names a folder, even one that does not exist (resolve() drops the slash)
  if (/[\\/]$/.test(value)) throw new UsageError(`${flag} "${value}" names a folder: give a file name`);
  // a download replaces its target by renaming a whole temporary file onto it: a device,
  // a pipe or a socket (/dev/null, /dev/stdout) would be replaced by a plain file
  if (stats && !stats.isFile()) {
    throw new UsageError(`${flag} "${value}" is not a regular file (a device, pipe or socket)`, `use ${flag} - and redirect stdout, e.g. ${flag} - > ${value}`);
  }
  if (!statOf(dirname(abs))?.isDirectory()) throw new UsageError(`${flag} "${value}": the folder ${dirname(abs)} does not exist`);
  if (stats && !o.force) throw new UsageError(`${flag} "${value}" exists`, 'pass --force to overwrite it, or pick another name');
  return abs;
}

/**
 * Checks an `--out-dir` value before anything is sent: a folder, or a path where one can
 * be made (it is created when the downloads start).
 * @returns the value unchanged
 * @throws UsageError (exit 2): `--out-dir is empty`; `--out-dir "x" is not a folder`
 */
export function checkOutDir(value: string, flag = '--out-dir'): string {
  if (value === '') throw new UsageError(`${flag} is empty`, `give a folder, or leave ${flag} out for the current one`);
  const stats = statOf(resolve(value));
  if (stats && !stats.isDirectory()) throw new UsageError(`${flag} "${value}" is not a folder`);
  return value;
}

/**
 * Refuses a file that exists, for a name known only once the answer is in (the name
 * Atlas gives in Content-Disposition): a UsageError (exit 2) without `force`.
 * @param hint what to do instead (default: --force or --out)
 */
export function refuseExisting(path: string, force: boolean, hint = 'pass --force to overwrite it, or --out to pick another name'): void {
  if (!force && statOf(path) !== undefined) throw new UsageError(`${path} exists`, hint);
}

/**
 * The hint of a download that failed: true to where it was going. To a file nothing is
 * left behind; to stdout the bytes already written stay written.
 * @param toStdout the download was going to stdout
 * @param written bytes already written to stdout
 */
export function failedDownloadHint(toStdout: boolean, written: number): string {
  if (!toStdout) return 'nothing was saved; try again';
  if (written === 0) return 'nothing was written to stdout; try again';
  return `the ${written} bytes already written to stdout are incomplete; run it again`;
}
