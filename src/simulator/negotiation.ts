// Versions and media types, as Atlas negotiates them:
// - Accept: application/vnd.atlas.<date>+<json|gzip|csv> is served with the newest version
//   of the resource dated on or before <date> (spec info.description: its curl example sends
//   Accept 2025-03-12 to GET /orgs, which offers only 2023-01-01; MongoDB's own generated
//   clients send one date on every request). A date before the resource's first version, a
//   malformed date, or no versioned media type at all is 406 INVALID_VERSION_DATE
//   (mongodb/docs content/atlas/source/api/versioned-api-overview.txt, "Versioning Schema",
//   stable: "406 Not Acceptable … if your request omits or specifies a resource version that
//   doesn't exist"); `preview` matches only a preview version. A version past its sunset date
//   (the spec's x-sunset, read on the simulator's clock) is removed: 410 Gone (same page,
//   "sunset": "If you send a request to a removed resource version, Atlas returns the 410 Gone").
// - Content-Type of a request body: application/json or application/vnd.atlas.<date>+json
//   (mongodb/docs content/atlas/source/api/migrate-to-new-version.txt, Procedure, "Add the
//   versioning Accept header": "Value for content type can be one of the following"). The body
//   is read in the newest request version on or before that date (application/json: the date
//   Accept asked for); anything else is 415.
// - Deprecation/Sunset headers on an answer in a superseded version (recorded/**: e.g.
//   clusters/file/…/Update_via_file/PATCH_…_1.snaphost).
import type { OperationSpec } from '../spec/index.js';
import { ApiError, errors } from './errors.js';

const MEDIA = /^application\/vnd\.atlas\.([^+]*)\+([a-z]+)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "Mon, 5 Aug 2024 00:00:00 GMT", the way Atlas writes Deprecation/Sunset dates. */
export function httpDate(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return d.toUTCString().replace(/^(\w{3}), 0(\d)/, '$1, $2');
}

/** Whether `s` is a real calendar date written yyyy-mm-dd (2025-02-30 is not). */
function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The version of `versions` a request for `asked` gets: 'preview' only for 'preview', else
 * the newest dated version on or before `asked`; undefined when there is none.
 */
export function resolveVersion(versions: readonly string[], asked: string): string | undefined {
  if (asked === 'preview') return versions.includes('preview') ? 'preview' : undefined;
  let best: string | undefined;
  for (const v of versions) if (v !== 'preview' && v <= asked && (!best || v > best)) best = v;
  return best;
}

export interface Negotiated {
  /** the version served (the resource's own date, or 'preview') */
  version: string;
  format: string;
  /** the version date the client asked for */
  asked: string;
}

/**
 * Picks the version and format from Accept (media types tried in order). Throws ApiError 406
 * INVALID_VERSION_DATE when none can be served, 410 when the version served is past its
 * sunset on `today` (yyyy-mm-dd, the simulator's clock).
 */
export function negotiate(op: OperationSpec, accept: string | undefined, today: string): Negotiated {
  const formats = op.formats ?? ['json'];
  const asked: string[] = [];
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0].trim();
    const m = MEDIA.exec(type);
    if (!m) continue;
    asked.push(type);
    const date = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
    const format = m[2].toLowerCase();
    if (date !== 'preview' && !isCalendarDate(date)) continue;
    if (!formats.includes(format)) continue;
    const version = resolveVersion(op.versions, date);
    if (!version) continue;
    const sunset = op.sunset?.[version];
    if (sunset && sunset <= today) throw versionRemoved(type, version, sunset);
    return { version, format, asked: date };
  }
  const offered = op.versions.map((v) => `application/vnd.atlas.${v}+${formats[0]}`).join(', ');
  throw errors.versionNotAcceptable(
    asked.length
      ? `Invalid accept header or version date. ${asked.join(', ')} is not offered by this resource; it offers ${offered}.`
      : `Invalid accept header or version date. Send Accept: ${offered.split(', ').at(-1)}.`,
  );
}

// unconfirmed: the docs give the status (410 Gone) for a removed version, no recording shows
// its body; the errorCode is the one Atlas gives the other version-date refusals
function versionRemoved(type: string, version: string, sunset: string): ApiError {
  return new ApiError(410, 'INVALID_VERSION_DATE', `Resource version ${version} (asked as ${type}) was removed on ${sunset}.`, [version, sunset]);
}

/**
 * The version the request body is read in, from its Content-Type (application/json: the date
 * Accept asked for). Throws 415 for another media type, 406 when no request version fits or
 * it disagrees with the version served.
 */
export function checkContentType(op: OperationSpec, contentType: string | undefined, served: Negotiated): string {
  const type = (contentType ?? '').split(';')[0].trim();
  const requestVersions = op.requestVersions ?? [];
  let date: string;
  if (type.toLowerCase() === 'application/json') date = served.asked;
  else {
    const m = MEDIA.exec(type);
    if (!m || m[2].toLowerCase() !== 'json') throw errors.unsupportedMediaType(contentType ?? '');
    date = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
    if (date !== 'preview' && !isCalendarDate(date)) throw errors.versionNotAcceptable(`Invalid content type or version date. ${type} is not a version date.`);
  }
  const v = resolveVersion(requestVersions, date);
  if (!v) {
    throw errors.versionNotAcceptable(
      `Invalid content type or version date. ${type} is not accepted by this resource; it accepts ${requestVersions.map((x) => `application/vnd.atlas.${x}+json`).join(', ')}.`,
    );
  }
  if (op.versions.includes(v) && v !== served.version) {
    throw errors.versionNotAcceptable(`Invalid content type or version date. Content-Type version ${v} differs from Accept version ${served.version}.`);
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
