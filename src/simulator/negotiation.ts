// Versions and media types: which API version and format a request gets (Accept), which
// version its body is in (Content-Type), and the Deprecation/Sunset headers of an answer.
import type { OperationSpec } from '../spec/index.js';
import { errors } from './errors.js';

const MEDIA = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+(json|gzip|csv)$/i;

/** "Mon, 5 Aug 2024 00:00:00 GMT", the way Atlas writes Deprecation/Sunset dates. */
export function httpDate(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return d.toUTCString().replace(/^(\w{3}), 0(\d)/, '$1, $2');
}

/** Picks the version and format from Accept; throws 406 INVALID_VERSION_DATE when none is offered. */
export function negotiate(op: OperationSpec, accept: string | undefined): { version: string; format: string } {
  const formats = op.formats ?? ['json'];
  const asked: string[] = [];
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0].trim();
    const m = MEDIA.exec(type);
    if (!m) continue;
    asked.push(type);
    const version = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
    const format = m[2].toLowerCase();
    if (op.versions.includes(version) && formats.includes(format)) return { version, format };
  }
  const offered = op.versions.map((v) => `application/vnd.atlas.${v}+${formats[0]}`).join(', ');
  throw errors.versionNotAcceptable(
    asked.length
      ? `Invalid accept header or version date. ${asked.join(', ')} is not offered by this resource; it offers ${offered}.`
      : `Invalid accept header or version date. Send Accept: ${offered.split(', ').at(-1)}.`,
  );
}

/** The request body's version from Content-Type: application/vnd.atlas.<date>+json; 415 or 406 otherwise. */
export function checkContentType(op: OperationSpec, contentType: string | undefined, acceptVersion: string): string {
  const type = (contentType ?? '').split(';')[0].trim();
  const m = MEDIA.exec(type);
  if (!m || m[2].toLowerCase() !== 'json') throw errors.unsupportedMediaType(contentType ?? '');
  const v = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
  if (!op.requestVersions?.includes(v)) {
    throw errors.versionNotAcceptable(`Invalid content type or version date. ${type} is not accepted by this resource; it accepts ${op.requestVersions?.map((x) => `application/vnd.atlas.${x}+json`).join(', ')}.`);
  }
  if (op.versions.includes(v) && v !== acceptVersion) {
    throw errors.versionNotAcceptable(`Invalid content type or version date. Content-Type version ${v} differs from Accept version ${acceptVersion}.`);
  }
  return v;
}

/** Deprecation/Sunset headers as Atlas sends them for a superseded version. */
export function deprecation(op: OperationSpec, version: string): Record<string, string> {
  const dated = op.versions.filter((v) => v !== 'preview');
  const i = dated.indexOf(version);
  const out: Record<string, string> = {};
  if (i >= 0 && i < dated.length - 1) out.Deprecation = httpDate(dated[i + 1]);
  const sunset = op.sunset?.[version];
  if (sunset) out.Sunset = httpDate(sunset);
  return out;
}
