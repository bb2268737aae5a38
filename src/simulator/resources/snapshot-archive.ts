// A snapshot's download archive, as served at a download restore job's delivery URL: a
// `.tar.gz` (recorded: the delivery URL ends in `restore-<snapshotId>.tar.gz`,
// recorded/backup/restores/…/Restores_Watch_-_Download) holding a folder
// `restore-<snapshotId>/` with the files of a WiredTiger data directory. What the files
// hold is the simulator's own (no recording shows an archive's content): a small
// `WiredTiger` version file, a `storage.bson` and one collection file whose size makes the
// archive about `bytes` long.
//
// Deterministic and cheap at any size, so a 1 GiB download bench measures the client: the
// archive is gzip members one after the other (RFC 1952 allows it; gzip, tar and Node's
// gunzip read them as one stream): a head member (the tar headers and the small files), one
// member of a 1 MiB block of the collection file repeated as often as it takes (the same
// Buffer each time: nothing is compressed or copied per download), and a tail member (the
// last part of the file, the tar padding and end blocks). Its length is known before the
// first byte (Content-Length).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

/** Default size of an archive (bytes, about): small, so tests stay fast; `state.backup.archiveBytes` changes it. */
export const DEFAULT_ARCHIVE_BYTES = 2 * 1024 * 1024;
/** The repeated block of the collection file (a multiple of 512, the tar block). */
const BLOCK = 1 << 20;
const TAR_BLOCK = 512;

/** A ustar header for a regular file (`0`) or a folder (`5`), its checksum filled in. */
function tarHeader(name: string, size: number, type: '0' | '5', mtimeSec: number): Buffer {
  const h = Buffer.alloc(TAR_BLOCK);
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  h.write(name, 0, 100, 'utf8');
  h.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(mtimeSec, 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\u000000', 257, 'latin1');
  h.write('mongodb', 265, 'latin1');
  h.write('mongodb', 297, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const pad = (n: number) => Buffer.alloc((TAR_BLOCK - (n % TAR_BLOCK)) % TAR_BLOCK);

/** `n` bytes from a counter-mode SHA-256 stream of `seed` (deterministic, incompressible). */
function bytesOf(seed: string, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let off = 0, i = 0; off < n; i++) off += createHash('sha256').update(`${seed}/${i}`).digest().copy(out, off);
  return out;
}

export interface SnapshotArchive {
  /** The archive's file name (the delivery URL's last part). */
  name: string;
  /** Bytes of the whole archive (Content-Length). */
  length: number;
  /** The archive's bytes, streamed. */
  stream(): Readable;
}

let cachedBlock: { seed: string; member: Buffer; block: Buffer } | undefined;

/**
 * The archive of snapshot `snapshotId`, about `bytes` long (at least the small files), its
 * files dated `mtimeSec`.
 */
export function snapshotArchive(snapshotId: string, bytes: number, mtimeSec: number): SnapshotArchive {
  const dir = `restore-${snapshotId}/`;
  const wiredTiger = Buffer.from('WiredTiger\nWiredTiger 11.3.0: (May 1, 2025)\n');
  const storage = Buffer.from(`{"storage":{"engine":"wiredTiger","snapshotId":"${snapshotId}"}}\n`);
  const seed = `atlascli-simulator/${snapshotId}`;
  if (cachedBlock?.seed !== seed) {
    const block = bytesOf(seed, BLOCK);
    cachedBlock = { seed, block, member: gzipSync(block, { level: 1 }) };
  }
  const { block, member } = cachedBlock;
  // the collection file: whole blocks in the repeated member, the rest in the tail
  const overhead = 5 * TAR_BLOCK + 1024;
  const dataBytes = Math.max(0, bytes - overhead);
  const blocks = Math.floor(dataBytes / member.length);
  const rest = Math.min(BLOCK, dataBytes % member.length);
  const fileSize = blocks * BLOCK + rest;
  const head = gzipSync(
    Buffer.concat([
      tarHeader(dir, 0, '5', mtimeSec),
      tarHeader(`${dir}WiredTiger`, wiredTiger.length, '0', mtimeSec),
      wiredTiger,
      pad(wiredTiger.length),
      tarHeader(`${dir}storage.bson`, storage.length, '0', mtimeSec),
      storage,
      pad(storage.length),
      tarHeader(`${dir}collection-0-${snapshotId.slice(-6)}.wt`, fileSize, '0', mtimeSec),
    ]),
  );
  // the end of the file, its padding and the two zero blocks that end a tar
  const tail = gzipSync(Buffer.concat([block.subarray(0, rest), pad(fileSize), Buffer.alloc(2 * TAR_BLOCK)]), { level: 1 });
  return {
    name: `restore-${snapshotId}.tar.gz`,
    length: head.length + blocks * member.length + tail.length,
    stream: () => {
      let sent = -1;
      return new Readable({
        read() {
          if (sent < 0) this.push(head);
          else if (sent < blocks) this.push(member);
          else if (sent === blocks) this.push(tail);
          else this.push(null);
          sent++;
        },
      });
    },
  };
}
