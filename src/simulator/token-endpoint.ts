// The OAuth 2.0 endpoints of service accounts: POST /api/oauth/token (client credentials)
// and POST /api/oauth/revoke, answered in RFC 6749's shapes (not ApiError bodies), with the
// token limit per service account (rate-limits.ts).
import type { IncomingMessage } from 'node:http';
import { TOKEN_LIMIT_REACHED, type OAuthTokens } from './auth.js';
import { ApiError } from './errors.js';
import type { RateLimits } from './rate-limits.js';
import { errorOutcome, header, jsonOutcome, type Outcome } from './wire.js';

export const TOKEN_PATHS = ['/api/oauth/token', '/api/oauth/revoke'];

/** Answers a request to one of TOKEN_PATHS. */
export function tokenEndpoint(oauth: OAuthTokens, limits: RateLimits, req: IncomingMessage, method: string, pathname: string, raw: Buffer): Outcome {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Outcome => jsonOutcome(status, body, { 'Cache-Control': 'no-store', ...headers });
  if (method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST' });
  const clientId = oauth.checkBasic(header(req, 'authorization'));
  if (!clientId) {
    return json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' }, { 'WWW-Authenticate': 'Basic realm="oauth"' });
  }
  const ct = header(req, 'content-type') ?? '';
  if (!ct.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return json(400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded.' });
  }
  const form = new URLSearchParams(raw.toString('utf8'));
  if (pathname === '/api/oauth/revoke') {
    const token = form.get('token');
    if (!token) return json(400, { error: 'invalid_request', error_description: 'token is required.' });
    oauth.revoke(token);
    return { status: 200, headers: {}, body: Buffer.alloc(0) };
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials.' });
  }
  if (oauth.atActiveLimit(clientId)) return json(403, TOKEN_LIMIT_REACHED);
  try {
    limits.mintToken(clientId);
  } catch (e) {
    if (e instanceof ApiError) return errorOutcome(e);
    throw e;
  }
  return json(200, oauth.issue(clientId));
}
