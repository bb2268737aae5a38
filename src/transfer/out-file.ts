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
  /** A file name for the redirect in that hint (default `out.gz`; `logs` say `log.gz`, a snapshot `snapshot.tar.gz`). */
  redirectTo?: string;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Longest name of one file or folder, in bytes (NAME_MAX of ext4, XFS, btrfs, APFS, NTFS).
 * Node has no pathconf(); every file system a CLI user saves to has this limit.
 */
export const NAME_MAX = 255;
/** Longest path the system takes, in bytes (PATH_MAX, with its final NUL): Linux 4096, macOS 1024; Windows paths go through \\?\ (Node's toNamespacedPath). */
export const PATH_MAX = process.platform === 'darwin' ? 1024 : process.platform === 'win32' ? 32_767 : 4096;
/** What a download adds to its file's name for the temporary file beside it (`.<name>.atlascli-tmp-<8 hex>`, src/transfer/download.ts). */
export const TEMP_NAME_EXTRA = '.'.length + '.atlascli-tmp-'.length + 8;

/**
 * Refuses a path the file system would refuse with ENAMETOOLONG once the download ran:
 * a part longer than NAME_MAX bytes, or a whole longer than PATH_MAX. `room` is what the
 * download adds: to the last part (a temporary name), or after the path (the names
 * Atlas gives, in an --out-dir).
 */
function checkLength(flag: string, value: string, abs: string, room: { name?: number; path: number }): void {
  const shown = value.length > 60 ? `${value.slice(0, 40)}…(${value.length} characters)` : value;
  const parts = abs.split(/[\\/]/);
  const last = parts.length - 1;
  for (let i = 0; i < parts.length; i++) {
    const limit = i === last && room.name !== undefined ? NAME_MAX - room.name : NAME_MAX;
    const bytes = Buffer.byteLength(parts[i]!);
    if (bytes > limit) {
      throw new UsageError(
        `${flag} "${shown}": the name "${parts[i]!.slice(0, 24)}…" is ${bytes} bytes long; the file system takes at most ${NAME_MAX}${limit < NAME_MAX ? ` (${limit} here: a download writes a temporary file named after it first)` : ''}`,
        'give a shorter name',
      );
    }
  }
  const total = Buffer.byteLength(abs) + room.path;
  if (total >= PATH_MAX) {
    throw new UsageError(
      `${flag} "${shown}": the path is too long (${Buffer.byteLength(abs)} bytes${room.path ? `, and ${room.path} more for the files in it` : ''}); the system takes paths up to ${PATH_MAX - 1} bytes`,
      'give a shorter path',
    );
  }
}

/**
 * Checks an `--out` value before anything is sent.
 * @returns `-` (STDOUT) for stdout, otherwise the file's absolute path
 * @throws UsageError (exit 2): `--out is empty`; a path the file system would refuse
 *   as too long (ENAMETOOLONG), counting the temporary file's longer name; `--out "d" is a folder: give a file
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
      throw new UsageError('compressed data not written to a terminal', `${o.insteadHint ? `${o.insteadHint}, or ` : ''}redirect stdout to a file (> ${o.redirectTo ?? 'out.gz'})`);
    }
    return STDOUT;
  }
  const abs = resolve(value);
  // the temporary file beside the target has the longer name: it must fit too
  checkLength(flag, value, abs, { name: TEMP_NAME_EXTRA, path: TEMP_NAME_EXTRA });
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
 * @throws UsageError (exit 2): `--out-dir is empty`; a name in it longer than NAME_MAX
 *   bytes, or a path with no room left for a file's name in it before PATH_MAX;
 *   `--out-dir "x" is not a folder`
 */
export function checkOutDir(value: string, flag = '--out-dir'): string {
  if (value === '') throw new UsageError(`${flag} is empty`, `give a folder, or leave ${flag} out for the current one`);
  // room for a file in it: a separator and the longest name a file can have
  checkLength(flag, value, resolve(value), { path: 1 + NAME_MAX });
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
