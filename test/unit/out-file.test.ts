import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutDir, checkOutFile, failedDownloadHint, NAME_MAX, PATH_MAX, refuseExisting, TEMP_NAME_EXTRA } from '../../src/transfer/out-file.js';
import { emptyLogReason } from '../../src/commands/logs/download.js';
import { usage } from '../helpers/expect.js';

const dir = () => mkdtempSync(join(tmpdir(), 'out-file-'));

describe('checkOutFile', () => {
  it('a new file in an existing folder: its absolute path; - is stdout', () => {
    const d = dir();
    expect(checkOutFile(join(d, 'x.gz'), { force: false })).toBe(join(d, 'x.gz'));
    expect(checkOutFile('-', { force: false })).toBe('-');
    expect(checkOutFile('-', { force: false, stdoutIsTTY: true, compressed: false })).toBe('-');
    expect(checkOutFile('-', { force: false, stdoutIsTTY: false, compressed: true })).toBe('-');
  });

  it('refuses empty, a folder (even with force), a missing folder, an existing file without force', () => {
    const d = dir();
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'have.gz'), 'x');
    expect(usage(() => checkOutFile('', { force: true })).message).toBe('--out is empty');
    expect(usage(() => checkOutFile(join(d, 'sub'), { force: true })).message).toBe(`--out "${join(d, 'sub')}" is a folder: give a file name`);
    expect(usage(() => checkOutFile(join(d, 'no', 'x.gz'), { force: true })).message).toBe(`--out "${join(d, 'no', 'x.gz')}": the folder ${join(d, 'no')} does not exist`);
    const exists = usage(() => checkOutFile(join(d, 'have.gz'), { force: false }));
    expect(exists.message).toBe(`--out "${join(d, 'have.gz')}" exists`);
    expect(exists.hint).toMatch(/--force/);
    expect(checkOutFile(join(d, 'have.gz'), { force: true })).toBe(join(d, 'have.gz'));
  });

  it('refuses a folder named with a trailing slash (existing or not), and a device, pipe or socket even with force', () => {
    const d = dir();
    expect(usage(() => checkOutFile(join(d, 'nofolder') + '/', { force: true })).message).toBe(`--out "${join(d, 'nofolder')}/" names a folder: give a file name`);
    // renaming a whole file onto /dev/null (as root) would replace the device with a plain file
    const dev = usage(() => checkOutFile('/dev/null', { force: true }));
    expect(dev.message).toBe('--out "/dev/null" is not a regular file (a device, pipe or socket)');
    expect(dev.hint).toBe('use --out - and redirect stdout, e.g. --out - > /dev/null');
    const fifo = join(d, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      expect(usage(() => checkOutFile(fifo, { force: true })).message).toMatch(/is not a regular file/);
    }
  });

  it('compressed data is not written to a terminal', () => {
    const e = usage(() => checkOutFile('-', { force: false, stdoutIsTTY: true, compressed: true, insteadHint: 'add --decompress', redirectTo: 'log.gz' }));
    expect(e.message).toBe('compressed data not written to a terminal');
    expect(e.hint).toBe('add --decompress, or redirect stdout to a file (> log.gz)');
    // the redirect names what is downloaded (a snapshot is not a log: a new user's trial)
    expect(usage(() => checkOutFile('-', { force: false, stdoutIsTTY: true, compressed: true, redirectTo: 'snapshot.tar.gz' })).hint).toBe(
      'redirect stdout to a file (> snapshot.tar.gz)',
    );
    expect(usage(() => checkOutFile('-', { force: false, stdoutIsTTY: true, compressed: true })).hint).toBe('redirect stdout to a file (> out.gz)');
  });
});

describe('checkOutDir and refuseExisting', () => {
  it('a folder, or a path where one can be made; not a file, not empty', () => {
    const d = dir();
    writeFileSync(join(d, 'f'), '');
    expect(checkOutDir(d)).toBe(d);
    expect(checkOutDir(join(d, 'new', 'deeper'))).toBe(join(d, 'new', 'deeper'));
    expect(usage(() => checkOutDir(join(d, 'f'))).message).toBe(`--out-dir "${join(d, 'f')}" is not a folder`);
    expect(usage(() => checkOutDir('')).message).toBe('--out-dir is empty');
    expect(usage(() => refuseExisting(join(d, 'f'), false)).message).toBe(`${join(d, 'f')} exists`);
    refuseExisting(join(d, 'f'), true);
    refuseExisting(join(d, 'g'), false);
    expect(readdirSync(d)).toEqual(['f']);
  });
});

describe('paths the file system would refuse as too long (ENAMETOOLONG), before anything is downloaded', () => {
  it('--out-dir of 10,000 characters, and one whose folder name is longer than NAME_MAX', () => {
    const long = usage(() => checkOutDir('a/'.repeat(5000)));
    expect(long.message).toMatch(
      /^--out-dir "(a\/){20}…\(10000 characters\)": the path is too long \(\d+ bytes, and 256 more for the files in it\); the system takes paths up to \d+ bytes$/,
    );
    expect(long.hint).toBe('give a shorter path');
    const name = usage(() => checkOutDir(join(dir(), 'x'.repeat(NAME_MAX + 1))));
    expect(name.message).toMatch(/the name "x{24}…" is 256 bytes long; the file system takes at most 255$/);
    // a name counts in bytes: 128 two-byte characters are 256 bytes
    expect(usage(() => checkOutDir(join(dir(), 'é'.repeat(128)))).message).toMatch(/is 256 bytes long/);
    expect(checkOutDir(join(dir(), 'x'.repeat(NAME_MAX)))).toMatch(/x{255}$/);
  });

  it('--out: the temporary file beside it, whose name is longer by TEMP_NAME_EXTRA, must fit too', () => {
    const d = dir();
    const fits = join(d, 'x'.repeat(NAME_MAX - TEMP_NAME_EXTRA));
    expect(checkOutFile(fits, { force: false })).toBe(fits);
    const e = usage(() => checkOutFile(`${fits}y`, { force: false }));
    expect(e.message).toMatch(/is 233 bytes long; the file system takes at most 255 \(232 here: a download writes a temporary file named after it first\)$/);
    expect(usage(() => checkOutFile(`${'d/'.repeat(3000)}x.gz`, { force: true })).message).toMatch(/the path is too long/);
  });

  it('the limits: NAME_MAX 255 bytes, PATH_MAX of the platform, the temporary name 23 bytes longer', () => {
    expect(NAME_MAX).toBe(255);
    expect(PATH_MAX).toBe(process.platform === 'darwin' ? 1024 : process.platform === 'win32' ? 32_767 : 4096);
    expect(TEMP_NAME_EXTRA).toBe('..atlascli-tmp-0123abcd'.length);
  });
});

describe('what a failed or empty download says', () => {
  it('failedDownloadHint is true to where the bytes went', () => {
    expect(failedDownloadHint(false, 0)).toBe('nothing was saved; try again');
    expect(failedDownloadHint(true, 0)).toBe('nothing was written to stdout; try again');
    expect(failedDownloadHint(true, 4096)).toBe('the 4096 bytes already written to stdout are incomplete; run it again');
  });

  it('emptyLogReason names only the reasons that can apply to the log type', () => {
    expect(emptyLogReason('mongodb')).toBe('no lines in this window');
    expect(emptyLogReason('mongos')).toBe('no lines in this window, or the host runs no mongos');
    expect(emptyLogReason('mongodb-audit-log')).toBe('no lines in this window, or database auditing is off');
    expect(emptyLogReason('mongos-audit-log')).toBe('no lines in this window, the host runs no mongos, or database auditing is off');
  });
});
