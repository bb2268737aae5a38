// `--record <file.jsonl>`: every API request, as answered, one JSON line, written as it is
// answered (so a simulator serving millions of requests keeps only its bounded log in memory):
//   {"time","method","path","query","status","errorCode"?,"operationId"?,"body"?}
// `time` is the wall-clock arrival time (ISO 8601), `errorCode` the answer's when it is an
// error, `body` the request body with every secret the spec marks masked (src/atlas/mask.ts:
// the operation's secret fields and the secret names anywhere; a body that is not JSON is
// left out). Digest challenges (401 before the authenticated retry) are requests too.
import { closeSync, openSync, writeSync } from 'node:fs';
import { maskSecrets } from '../atlas/mask.js';
import type { RequestLog } from './request-log.js';
import type { RecordedRequest } from './types.js';

/** One line of a record file (without the newline). */
export function recordLine(r: RecordedRequest): string {
  const line: Record<string, unknown> = { time: new Date(r.time).toISOString(), method: r.method, path: r.path, query: r.query, status: r.status };
  if (r.errorCode) line.errorCode = r.errorCode;
  if (r.operationId) line.operationId = r.operationId;
  if (r.body !== undefined && typeof r.body === 'object') line.body = maskSecrets(r.body, { operationId: r.operationId, direction: 'request' });
  return JSON.stringify(line);
}

/**
 * Writes each answered request of `log` to `file` (created or truncated, mode 0600) as it is
 * answered, synchronously. Returns a function that stops recording and closes the file.
 * Throws the open error (ENOENT, EACCES…) as Node raises it.
 */
export function recordTo(log: RequestLog, file: string): () => void {
  const fd = openSync(file, 'w', 0o600);
  let open = true;
  const off = log.onAnswered((r) => {
    if (open) writeSync(fd, recordLine(r) + '\n');
  });
  return () => {
    if (!open) return;
    open = false;
    off();
    closeSync(fd);
  };
}
