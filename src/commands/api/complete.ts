/**
 * Shell completion for `atlascli api`: operationIds in the operation's place, then the
 * operation's parameter flags, enum values after a parameter flag, and the offered
 * versions after `--version`.
 */
import { operation, operations } from '../../spec/index.js';
import { isPaginated, parameterFlags } from './params.js';

/**
 * Candidates for the word `current`, given the words typed after `api` and the
 * candidates completion found from the command tree (`pool`: `list`, api's options…).
 * Filtering by prefix is the caller's.
 */
export function apiCandidates(afterApi: readonly string[], current: string, pool: string[]): string[] {
  const own = pool.filter((c) => c !== '--api-version');
  const id = afterApi.find((w) => !w.startsWith('-'));
  if (id === undefined) {
    return current.startsWith('-') ? own : [...own, ...Object.keys(operations())];
  }
  const op = operation(id);
  if (!op) return own;
  const last = afterApi.at(-1);
  if (last === '--version') return [...op.versions];
  const flags = parameterFlags(op);
  const param = last?.startsWith('--') && !last.includes('=') ? flags.get(last.slice(2)) : undefined;
  if (param !== undefined && last !== `--${current}`) {
    const q = op.query?.[param];
    if (q?.enum) return q.enum.map(String);
    if (q?.type === 'boolean') return ['true', 'false'];
    return [];
  }
  if (!current.startsWith('-')) return [];
  const paginated = isPaginated(op);
  const applies: Record<string, boolean> = {
    '--all': paginated,
    '--limit': paginated,
    '--file': op.requestVersions !== undefined,
    '--body': op.requestVersions !== undefined,
    '--out': op.gzip === true,
  };
  const spelled = current.slice(2).includes('-') ? [...flags.keys()] : [...new Set(flags.values())];
  return [...own.filter((o) => applies[o] !== false), '--version', ...spelled.map((f) => `--${f}`)];
}
