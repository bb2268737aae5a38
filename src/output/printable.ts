/**
 * Text made safe for a terminal line: what a user typed or a server sent (an argument
 * echoed in a message, a file name, a field of a document) never reaches a terminal with
 * a character the terminal would act on.
 */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * `text` with newlines, tabs, escape sequences and other control characters as visible
 * escapes (`\n`, `\t`, `\e`, `\x07`, `\u2028`), so it can neither split the line nor
 * colour or move around the terminal. Text without one is returned as it is.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
