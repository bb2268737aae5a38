/** `--file spec.json`: a JSON object, with the line and column of a syntax error. */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';

/** Reads `path` (or stdin for `-`) and parses it as one JSON object. */
export async function readJsonObjectFile(path: string, stdin?: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === '-' && stdin ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read --file "${path}": ${why}`);
  }
  return parseJsonObject(text, path);
}

export function parseJsonObject(text: string, name: string): Record<string, unknown> {
  const src = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch {
    const { offset, message } = locateJsonError(src);
    const { line, column } = lineColumn(src, offset);
    throw new UsageError(`invalid JSON in --file "${name}" at line ${line}, column ${column}: ${message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`;
    throw new UsageError(`--file "${name}" must hold a JSON object (a cluster document), not ${got}`);
  }
  return doc as Record<string, unknown>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Finds where JSON text first goes wrong. JSON.parse's messages differ between Node
 * releases and do not always give a position, so a small scanner walks the text.
 */
export function locateJsonError(text: string): { offset: number; message: string } {
  let i = 0;
  class Stop extends Error {
    constructor(
      readonly at: number,
      msg: string,
    ) {
      super(msg);
    }
  }
  const fail = (msg: string, at = i): never => {
    throw new Stop(at, msg);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = (): string => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('invalid escape in string', i);
        continue;
      }
      if (c < ' ') fail('control character in string (unterminated string?)');
      i++;
    }
    fail('unterminated string');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail(describe());
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma' : `expected a property name in double quotes, ${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":", ${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}", ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('trailing comma');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]", ${describe()}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(describe());
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the end of the document`);
    return { offset: text.length, message: 'invalid JSON' };
  } catch (err) {
    if (err instanceof Stop) return { offset: err.at, message: err.message };
    throw err;
  }
}
