/** `--file spec.json`: a JSON object, with the line and column of a syntax error. */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { describeJsonError } from '../../args/json-errors.js';

/** Reads `path` (or stdin for `-`) and parses it as one JSON object (`what` it should be, for the message: `a cluster document`). */
export async function readJsonObjectFile(path: string, stdin?: NodeJS.ReadableStream, what = 'a cluster document'): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === '-' && stdin ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read --file "${path}": ${why}`);
  }
  return parseJsonObject(text, path, what);
}

export function parseJsonObject(text: string, name: string, what = 'a cluster document'): Record<string, unknown> {
  const src = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch {
    const { line, column, message } = describeJsonError(src);
    throw new UsageError(`invalid JSON in --file "${name}" at line ${line}, column ${column}: ${message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`;
    throw new UsageError(`--file "${name}" must hold a JSON object (${what}), not ${got}`);
  }
  return doc as Record<string, unknown>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
