/**
 * `--select <terms>`: which clusters of a fleet a list or a fleet action takes. Terms are
 * comma-separated and must all hold (`name=ci-*,tag:env=dev,older-than=1d`). Parsed and
 * checked here, before any request; evaluated later on the documents a list already
 * returned (no request per cluster). Globs are picomatch's (`*`, `?`, `[a-z]`, `{a,b}`).
 */
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';
import { parseDuration } from './dates.js';

/** What a term is matched against: one cluster and its project, as the list returned them. */
export interface SelectSubject {
  name: string;
  /** the project's name */
  project: string;
  tags: Record<string, string>;
  /** every tier in use, upper case (`M10`, `FLEX`) */
  tiers: string[];
  /** every cloud in use, upper case (`AWS`; a free or Flex cluster: its backing cloud) */
  providers: string[];
  state: string;
  paused: boolean;
  /** ISO 8601, as Atlas serves it; absent: the age terms do not hold */
  createDate?: string;
}

export const SELECT_KEYS = ['name', 'project', 'tag:<key>', 'tier', 'provider', 'state', 'paused', 'older-than', 'newer-than'] as const;

type Term = { text: string; holds: (s: SelectSubject, nowMs: number) => boolean };

/** A parsed `--select`: `matches` is true when every term holds. */
export interface Selector {
  text: string;
  terms: readonly string[];
  matches(subject: SelectSubject, nowMs: number): boolean;
}

const PROVIDERS = ['AWS', 'GCP', 'AZURE'];
const glob = (pattern: string) => picomatch(pattern, { dot: true, nobrace: false });

function bad(term: string, why: string): UsageError {
  return new UsageError(`invalid --select term "${term}": ${why}`, `terms are ${SELECT_KEYS.map((k) => `${k}=…`).join(', ')}, joined with commas`);
}

function parseTerm(term: string): Term {
  const eq = term.indexOf('=');
  if (eq <= 0) throw bad(term, 'expected key=value');
  const key = term.slice(0, eq).trim();
  const value = term.slice(eq + 1).trim();
  if (value === '') throw bad(term, 'the value is empty');
  if (key.startsWith('tag:')) {
    const tagKey = key.slice(4);
    if (tagKey === '') throw bad(term, 'tag:<key>=<value> needs a key');
    const m = glob(value);
    return { text: term, holds: (s) => s.tags[tagKey] !== undefined && m(s.tags[tagKey]!) };
  }
  switch (key) {
    case 'name': {
      const m = glob(value);
      return { text: term, holds: (s) => m(s.name) };
    }
    case 'project': {
      const m = glob(value);
      return { text: term, holds: (s) => m(s.project) };
    }
    case 'tier': {
      if (!/^[A-Za-z0-9_]+$/.test(value)) throw bad(term, 'a tier such as M10, M30, FLEX or M0');
      const v = value.toUpperCase();
      return { text: term, holds: (s) => s.tiers.includes(v) };
    }
    case 'provider': {
      const v = value.toUpperCase();
      if (!PROVIDERS.includes(v)) throw bad(term, `the provider is one of ${PROVIDERS.join(', ')}`);
      return { text: term, holds: (s) => s.providers.includes(v) };
    }
    case 'state': {
      if (!/^[A-Za-z_]+$/.test(value)) throw bad(term, 'a state such as IDLE, CREATING, UPDATING, REPAIRING or DELETING');
      const v = value.toUpperCase();
      return { text: term, holds: (s) => s.state.toUpperCase() === v };
    }
    case 'paused': {
      if (value !== 'true' && value !== 'false') throw bad(term, 'paused is true or false');
      const v = value === 'true';
      return { text: term, holds: (s) => s.paused === v };
    }
    case 'older-than':
    case 'newer-than': {
      let ms: number;
      try {
        ms = parseDuration(key, value).ms;
      } catch {
        throw bad(term, 'not a duration longer than zero: give 30m, 12h, 7d, 2w or P1D');
      }
      const older = key === 'older-than';
      return {
        text: term,
        holds: (s, now) => {
          const created = s.createDate === undefined ? NaN : Date.parse(s.createDate);
          if (Number.isNaN(created)) return false;
          return older ? now - created > ms : now - created < ms;
        },
      };
    }
    default:
      throw bad(term, `unknown key "${key}"`);
  }
}

/**
 * Parses `--select`.
 * @throws UsageError (exit 2) for an empty selector, a term without `=`, an unknown key, a
 *   bad provider, `paused` other than true/false, or a duration that does not parse
 */
export function parseSelect(text: string): Selector {
  const parts = text.split(',').map((t) => t.trim());
  if (text.trim() === '' || parts.some((p) => p === '')) {
    throw new UsageError(`invalid --select "${text}": a term is empty`, 'give terms such as name=ci-*,tag:env=dev joined with commas');
  }
  // a glob's {a,b} holds commas: join the pieces of an open brace back together
  const terms: string[] = [];
  for (const p of parts) {
    const last = terms[terms.length - 1];
    if (last !== undefined && last.split('{').length > last.split('}').length) terms[terms.length - 1] = `${last},${p}`;
    else terms.push(p);
  }
  const parsed = terms.map(parseTerm);
  return {
    text,
    terms,
    matches: (s, now) => parsed.every((t) => t.holds(s, now)),
  };
}
