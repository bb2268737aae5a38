/**
 * Text made safe for a terminal line: what a user typed or a server sent (an argument
 * echoed in a message, a file name, a field of a document) never reaches a terminal with
 * a character the terminal would act on.
 */

/**
 * The characters a terminal acts on instead of showing, declared once for every check
 * and every escape: C0 and C1 controls, DEL, the Unicode line and paragraph separators,
 * and the bidirectional formatting characters (embeddings, overrides, isolates, marks),
 * which reorder what is shown around them ("Trojan Source", CVE-2021-42574).
 */
const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
const CONTROL = new RegExp(CONTROL_CLASS, 'g');
const ONE_CONTROL = new RegExp(CONTROL_CLASS);

/** The first such character of `text` (its match: `[0]` and `index`), or null. */
export function firstControl(text: string): RegExpExecArray | null {
  return ONE_CONTROL.exec(text);
}

/** `text` with each such character as a `\uXXXX` escape (the form JSON and table cells use). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * `text` with newlines, tabs, escape sequences and other control characters as visible
 * escapes (`\n`, `\t`, `\e`, `\x07`, `\u2028`), so it can neither split the line nor
 * colour or move around the terminal. Text without one is returned as it is.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
