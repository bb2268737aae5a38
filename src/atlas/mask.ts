/** Secrets never reach a trace or a dry run: fields that look secret are masked. */
import { MASK } from '../settings/definitions.js';

const SECRET_KEY = /pass(word)?|secret|token|private|apikey|credential/i;

/** A copy of a JSON document with every secret-looking string field replaced. */
export function maskSecrets<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc), (k, v: unknown) => (k && SECRET_KEY.test(k) && typeof v === 'string' ? MASK : v)) as T;
}

/** The same for a JSON text; a body that is not JSON is not shown at all. */
export function maskBody(body: string): string {
  try {
    return JSON.stringify(maskSecrets(JSON.parse(body) as unknown));
  } catch {
    return '<body not shown>';
  }
}
