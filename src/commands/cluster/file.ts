/** `--file spec.json`: a JSON object, with the line and column of a syntax error. */
import { readFile } from 'node:fs/promises';
import jsonc, { type ParseError } from 'jsonc-parser';
import { UsageError } from '../../errors.js';

const { parse, printParseErrorCode } = jsonc;

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

const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "," or "}"',
  CloseBracketExpected: 'expected "," or "]"',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'invalid number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape in string',
  InvalidCharacter: 'control character in string (unterminated string?)',
};

/**
 * Where JSON text first goes wrong, as an offset and a few words. JSON.parse's
 * messages differ between Node releases and do not always give a position, so
 * jsonc-parser (strict: no comments, no trailing commas) finds it. The offset is the
 * length of the text when it is valid.
 */
export function locateJsonError(text: string): { offset: number; message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: text.length, message: 'valid JSON' };
  const code = printParseErrorCode(first.error);
  const atEnd = first.offset >= text.length;
  let message = PROBLEMS[code] ?? code;
  if (code === 'PropertyNameExpected' && text[first.offset] === '}') message = 'trailing comma';
  if (code === 'ValueExpected' && text[first.offset] === ']') message = 'trailing comma';
  if (atEnd) message = `${message}, unexpected end of input`;
  else if (code === 'InvalidSymbol' || code === 'ValueExpected') message = `${message}: ${JSON.stringify(text[first.offset])}`;
  return { offset: first.offset, message };
}
