/**
 * Where JSON text first goes wrong, by line and column, in a few words: for `--file`,
 * `--body` and the config file alike. JSON.parse's messages differ between Node releases
 * and do not always give a position, so jsonc-parser (strict: no comments, no trailing
 * commas) finds it. Loaded only when a parse has already failed.
 */
import jsonc, { type ParseError } from 'jsonc-parser';

const { parse, printParseErrorCode } = jsonc;

/** Line and column (1-based) of a character offset in `text`. */
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

/** The offset (the text's length when it is valid) and a few words on the first JSON syntax error of `text`. */
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

/** `line L, column C: what` of the first syntax error of `text` (which JSON.parse refused). */
export function describeJsonError(text: string): { line: number; column: number; message: string } {
  const { offset, message } = locateJsonError(text);
  return { ...lineColumn(text, offset), message };
}
