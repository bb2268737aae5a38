/**
 * Help beyond commander's: the topics `atlascli help environment` and `atlascli help
 * exit-codes` (printed from the same tables the code uses), the footer of the root help,
 * and the order of help sections (subcommands before the global options).
 */
import { ENVIRONMENT, type EnvironmentVariable } from '../environment.js';
import { EXIT_CODES } from '../errors.js';

/** The help topics that are not commands, with what each shows. */
export const HELP_TOPICS: Readonly<Record<string, { description: string; text: () => string }>> = {
  environment: { description: 'every environment variable atlascli reads', text: () => environmentHelp() },
  'exit-codes': { description: 'the exit codes and what each means', text: () => exitCodesHelp() },
};

const GROUP_TITLES: Record<EnvironmentVariable['group'], string> = {
  settings: 'Settings (a flag wins over the environment, the environment over the profile; of several names the first set wins):',
  terminal: 'Terminal:',
  network: 'Network:',
  files: 'Files:',
};

/**
 * Two columns: the terms padded to the widest, then the text; with `wrapAt`, the text is
 * wrapped to lines of at most that many columns, continuation lines under the text.
 */
function columns(rows: ReadonlyArray<[string, string]>, wrapAt?: number): string[] {
  const width = Math.max(...rows.map(([t]) => t.length));
  const indent = 2 + width + 3;
  return rows.map(([t, d]) => {
    const lines = wrapAt ? wrapWords(d, wrapAt - indent) : [d];
    return [`  ${t.padEnd(width)}   ${lines[0]}`, ...lines.slice(1).map((l) => `${' '.repeat(indent)}${l}`)].join('\n');
  });
}

/** `atlascli help environment`. */
export function environmentHelp(): string {
  const lines = ['Environment variables atlascli reads:', ''];
  for (const group of Object.keys(GROUP_TITLES) as Array<EnvironmentVariable['group']>) {
    const vars = ENVIRONMENT.filter((v) => v.group === group);
    if (vars.length === 0) continue;
    lines.push(GROUP_TITLES[group], ...columns(vars.map((v) => [v.names.join(', '), v.description])), '');
  }
  lines.push('Examples:', '  $ ATLAS_OUTPUT=json atlascli cluster list', '  $ NO_COLOR=1 atlascli project list', '');
  return lines.join('\n');
}

/** `atlascli help exit-codes`. */
export function exitCodesHelp(): string {
  return [
    'Exit codes of atlascli:',
    '',
    ...columns(
      EXIT_CODES.map((e) => [String(e.code), e.meaning]),
      80,
    ),
    '',
    'Examples:',
    '  $ atlascli cluster get Cluster0 -o json > c.json || echo "failed with exit code $?"',
    '  $ atlascli cluster get nosuch; [ $? -eq 4 ] && echo "no such cluster"',
    '',
  ].join('\n');
}

/** The line under the root help. */
/**
 * Help text with its paragraph lines wrapped to `width` columns at spaces, continuation
 * lines indented as the line was. Left as they are: example lines (`  $ atlascli …`,
 * commands to paste), commander's two-column rows (a run of two spaces inside the line:
 * commander wraps those itself), and words longer than a line.
 */
export function wrapParagraphs(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width || /^\s*\$ /.test(line) || /\S {2,}\S/.test(line)) return [line];
      const indent = /^\s*/.exec(line)![0];
      return wrapWords(line.slice(indent.length), width - indent.length).map((l) => indent + l);
    })
    .join('\n');
}

/** Words joined into lines of at most `width` characters (a longer word stands alone). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function rootHelpFooter(): string {
  return (
    `\nExit codes: ${wrapWords(`${EXIT_CODES.map((e) => `${e.code} ${e.short}`).join(', ')}.`, 80 - 'Exit codes: '.length).join('\n            ')}` +
    '\nMore: atlascli help exit-codes, atlascli help environment,\n      atlascli <command> --help.' +
    '\n\nExamples:\n  $ atlascli config init\n  $ atlascli cluster list\n  $ atlascli cluster create demo --tier M10 --wait\n  $ atlascli cluster get demo -o json'
  );
}

/**
 * Commander's help text with the sections reordered: a command's subcommands come before
 * the options, and the global options last (commander puts commands at the end).
 * Sections are blocks of lines that start with a title (`Commands:`) and end at a blank line.
 */
export function commandsFirst(text: string): string {
  const lines = text.split('\n');
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    current.push(line);
    if (line === '') {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length) blocks.push([...current, '']);
  const isOptions = (b: string[]) => /^(Options|Global Options):$/.test(b[0] ?? '');
  const isCommands = (b: string[]) => /^([A-Z][^:]* )?Commands:$/.test(b[0] ?? '');
  const first = blocks.findIndex((b) => isOptions(b) || isCommands(b));
  if (first < 0 || !blocks.some(isCommands)) return text;
  const head = blocks.slice(0, first);
  const rest = blocks.slice(first);
  const order = (b: string[]) => (isCommands(b) ? 0 : b[0] === 'Options:' ? 1 : b[0] === 'Global Options:' ? 2 : 3);
  const sorted = rest
    .map((b, i) => [b, i] as const)
    .sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1])
    .map(([b]) => b);
  return [...head, ...sorted].flat().join('\n');
}
