/**
 * What a failed exchange means, for every request and every download alike: undici's and
 * OpenSSL's errors, and bodies whose content shows them unreadable, turned into one line
 * a user can act on, and the two facts the retry loop needs: may the request have reached
 * Atlas (`sent`), and is trying again worth it (`retryable`). The one classifier of the
 * CLI: commands and transfers do not classify failures themselves.
 */
import { CliError, NetworkError } from '../errors.js';

/**
 * A body that arrived and ended as HTTP says it should, but whose content shows that it
 * is not whole or cannot be read: a gzip stream that stops before its end, JSON that does
 * not parse. Thrown by whoever reads a body (the client's JSON reader, a download's gzip
 * check); the retry loop counts it as an answer lost after sending (retried when that is
 * safe, else "it may have taken effect").
 */
export class UnreadableBody extends Error {
  /** @param detail what is wrong with it, e.g. "the gzip data stops before its end (unexpected end of file)" */
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'UnreadableBody';
  }
}

/** A failure with no HTTP answer, classified. */
export interface NetworkFailure {
  error: NetworkError;
  /** The request may have reached Atlas (connection dropped or stalled after sending). */
  sent: boolean;
  /** Another attempt may succeed (refused, reset, cut short); false for TLS, DNS "not found", no answer at all. */
  retryable: boolean;
}

/** Where the exchange went: method, API path and full URL. */
export interface Target {
  method: string;
  path: string;
  url: string;
  /** Names it in errors instead of `<method> <path>` (e.g. "mongodb log of <host>"). */
  subject?: string;
}

/** Where the failure happened and what was known then. */
export interface FailureContext {
  /** The bound in force (ms), named in timeout messages as given (0.5 s, 60 s). */
  timeoutMs: number;
  /** The request went through HTTPS_PROXY/HTTP_PROXY (named in hints). */
  proxied?: boolean;
  /**
   * 'body': the failure came while the body of a 2xx answer was read (its headers were in).
   * An error that is not a known network failure is then not classified (undefined): it is
   * the reader's own (a bug, a disk error) and passes through as it is.
   */
  phase?: 'exchange' | 'body';
  /** Bytes of the body received before the failure, named in the message. */
  received?: number;
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const BEFORE_SENDING: Record<string, [what: string, retryable: boolean]> = {
  ECONNREFUSED: ['connection refused', true],
  UND_ERR_CONNECT_TIMEOUT: ['connection timed out', true],
  ENOTFOUND: ['host not found', false],
  EAI_AGAIN: ['DNS lookup failed', true],
  EHOSTUNREACH: ['host unreachable', true],
  ENETUNREACH: ['network unreachable', true],
};

const AFTER_SENDING: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed by the server',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the body does not match its Content-Length',
};

/**
 * Classifies an error thrown by an exchange (undici's request) or by reading its body.
 * Returns undefined for errors that are not network failures (a CliError passes through,
 * and in the body phase anything unknown).
 */
export function classifyNetworkError(err: unknown, target: Target, c: FailureContext): NetworkFailure | undefined {
  if (err instanceof CliError) return undefined;
  const host = safeOrigin(target.url);
  const where = target.subject ?? `${target.method} ${target.path}`;
  const body = c.phase === 'body';
  const after = c.received !== undefined && c.received > 0 ? ` after ${c.received} bytes` : '';
  if (err instanceof UnreadableBody) {
    return {
      error: new NetworkError(
        `${where}: the answer from ${host} could not be read${after}: ${err.detail}`,
        'UNREADABLE_BODY',
        'try again; if it persists, run with --debug and report it',
      ),
      sent: true,
      retryable: true,
    };
  }
  const chain = causes(err);
  const codeOf = (e: { code?: unknown }) => (typeof e.code === 'string' ? e.code : undefined);
  const code = chain.map(codeOf).find((c) => c !== undefined && c !== 'ERR_INVALID_ARG_TYPE');
  const seconds = `${c.timeoutMs / 1000} s`;
  const checkNet = c.proxied ? 'check --base-url, the proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and your network' : 'check --base-url and your network';

  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return {
      error: new NetworkError(`${where}: no answer from ${host} within ${seconds}`, 'TIMEOUT', 'raise --timeout, or check the network'),
      sent: true,
      retryable: false,
    };
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      error: new NetworkError(
        `${where}: the answer from ${host} stalled${after}: nothing for ${seconds} in the middle of the body`,
        'TIMEOUT',
        'raise --timeout, or check the network',
      ),
      sent: true,
      retryable: true,
    };
  }
  if (code && (TLS_UNTRUSTED.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    return { error: tlsError(code, host), sent: false, retryable: false };
  }
  if (code && BEFORE_SENDING[code]) {
    const [what, retryable] = BEFORE_SENDING[code]!;
    return { error: new NetworkError(`cannot reach ${host}: ${what} (${code})`, code, checkNet), sent: false, retryable };
  }
  // 'terminated': a body cut short, as RawResponse.text() reports it
  const terminated = chain.some((e) => (e as Error).message === 'terminated');
  if ((code && AFTER_SENDING[code]) || terminated) {
    const what = (code && AFTER_SENDING[code]) ?? 'connection closed';
    const midBody = terminated || body;
    return {
      error: new NetworkError(
        `${where}: ${midBody ? `the answer from ${host} was cut short${after}: ${what}` : `the connection to ${host} was lost before an answer: ${what}`}${code ? ` (${code})` : ''}`,
        code ?? 'TERMINATED',
        checkNet,
      ),
      sent: true,
      retryable: true,
    };
  }
  // the reader's own failure (a disk error, a bug): not the network's
  if (body) return undefined;
  const message =
    chain
      .map((e) => (e as Error).message)
      .filter(Boolean)
      .at(-1) ?? 'network error';
  return {
    error: new NetworkError(`cannot reach ${host}: ${firstLine(message)}${code ? ` (${code})` : ''}`, code, checkNet),
    sent: false,
    retryable: false,
  };
}

/** One line a user understands, with no OpenSSL internals, and what to try. */
function tlsError(code: string, host: string): NetworkError {
  // the code stays on the error (and in -o json's errorCode is NETWORK_ERROR); the line speaks plainly
  const say = (what: string, hint: string) => new NetworkError(`cannot reach ${host}: TLS: ${what}`, code, hint);
  if (TLS_UNTRUSTED.has(code)) {
    return say(
      "the server's certificate is not signed by a certificate authority this machine trusts",
      "if the server (or a proxy that inspects TLS) uses a private CA, set NODE_EXTRA_CA_CERTS to that CA's PEM file; otherwise check --base-url",
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return say("the server's certificate has expired", 'check the date and time of this machine, and --base-url; if the server is yours, renew its certificate');
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return say("the server's certificate is not valid yet", 'check the date and time of this machine');
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return say(`the server's certificate is not issued for ${safeHostname(host)}`, 'check the host name in --base-url: use the name the certificate was issued for');
  }
  if (code.startsWith('ERR_SSL_WRONG_VERSION') || code.startsWith('ERR_SSL_PACKET_LENGTH') || code.startsWith('ERR_SSL_HTTP_REQUEST')) {
    return say('the server does not speak TLS (is it a plain HTTP server?)', 'use an http:// base URL for a plain HTTP server, or check the port in --base-url');
  }
  return say('the secure connection failed', 'check --base-url; a private CA goes in NODE_EXTRA_CA_CERTS');
}

function causes(err: unknown): Array<{ code?: unknown; message?: string }> {
  const out: Array<{ code?: unknown; message?: string }> = [];
  let e: unknown = err;
  for (let i = 0; e && typeof e === 'object' && i < 6; i++) {
    out.push(e as { code?: unknown; message?: string });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function safeHostname(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}
