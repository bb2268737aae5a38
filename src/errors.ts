/**
 * Every failure the CLI expects is one of these classes; `exitCodeFor` is the one
 * place that maps them to the contract's exit codes.
 */

/**
 * The exit codes, declared once: `EXIT` (what the code uses), `atlascli help exit-codes`
 * and the footer of the root help are all built from this table.
 */
export const EXIT_CODES = [
  { key: 'ok', code: 0, short: 'ok', meaning: 'success (an empty list is a success)' },
  { key: 'failure', code: 1, short: 'failure', meaning: 'any other failure' },
  { key: 'usage', code: 2, short: 'bad input', meaning: 'usage or invalid input, found before any request is sent' },
  { key: 'auth', code: 3, short: 'auth', meaning: 'authentication or authorization failed (HTTP 401, 403), or no credentials' },
  { key: 'notFound', code: 4, short: 'not found', meaning: 'not found (HTTP 404)' },
  { key: 'conflict', code: 5, short: 'conflict', meaning: 'conflict (HTTP 409)' },
  { key: 'server', code: 6, short: 'rate limit or server', meaning: 'rate-limited or server error after the retries ran out (HTTP 429, 5xx)' },
  { key: 'network', code: 7, short: 'network', meaning: 'network: connection refused or reset, DNS, TLS, timeout' },
  { key: 'cannotRun', code: 127, short: 'cannot run', meaning: 'whitelist exec: the command to run was not found or cannot be executed (nothing was added to the access list)' },
  { key: 'hungUp', code: 129, short: 'hung up', meaning: 'hung up (SIGHUP: the terminal or SSH session closed)' },
  { key: 'interrupted', code: 130, short: 'interrupted', meaning: 'interrupted (Ctrl-C)' },
  { key: 'terminated', code: 143, short: 'terminated', meaning: 'terminated (SIGTERM)' },
] as const;

type ExitCodeEntry = (typeof EXIT_CODES)[number];

/** `EXIT.usage` is 2: the codes of EXIT_CODES by key. */
export const EXIT = Object.fromEntries(EXIT_CODES.map((e) => [e.key, e.code])) as {
  readonly [E in ExitCodeEntry as E['key']]: E['code'];
};

/** An expected failure, with an optional hint on what to try next. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad input found before any request was sent (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** Missing or refused credentials found before any request was sent (exit 3). */
export class AuthConfigError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT.auth);
    this.name = 'AuthConfigError';
  }
}

/** The ApiError document Atlas sends with a failed request. */
export interface ApiErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
}

/** A request that Atlas answered with an error status. */
export class AtlasApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly method: string,
    readonly path: string,
    hint?: string,
  ) {
    super(
      `${method} ${path} failed: ${status}${body.errorCode ? ` ${body.errorCode}` : ''}${
        body.detail ? `: ${body.detail}` : body.reason ? `: ${body.reason}` : ''
      }`,
      hint,
      exitCodeForStatus(status),
    );
    this.name = 'AtlasApiError';
  }

  get errorCode(): string | undefined {
    return this.body.errorCode;
  }
}

/** The request never got an HTTP answer: refused, reset, DNS, TLS, timeout (exit 7). */
export class NetworkError extends CliError {
  constructor(
    message: string,
    readonly code?: string,
    hint?: string,
  ) {
    super(message, hint, EXIT.network);
    this.name = 'NetworkError';
  }
}

/** The user pressed Ctrl-C (exit 130). */
export class InterruptedError extends CliError {
  constructor(message = 'interrupted') {
    super(message, undefined, EXIT.interrupted);
    this.name = 'InterruptedError';
  }
}

export function exitCodeForStatus(status: number): number {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 429 || status >= 500) return EXIT.server;
  return EXIT.failure;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  return EXIT.failure;
}

/** The machine-readable form printed on stderr with `-o json`. */
export function errorJson(err: unknown): { error: { status: number; errorCode: string; detail: string } } {
  if (err instanceof AtlasApiError) {
    return {
      error: {
        status: err.status,
        errorCode: err.body.errorCode ?? 'UNKNOWN',
        detail: err.body.detail ?? err.body.reason ?? err.message,
      },
    };
  }
  const code =
    err instanceof UsageError
      ? 'INVALID_INPUT'
      : err instanceof AuthConfigError
        ? 'NO_CREDENTIALS'
        : err instanceof NetworkError
          ? 'NETWORK_ERROR'
          : err instanceof InterruptedError
            ? 'INTERRUPTED'
            : 'CLI_ERROR';
  const message = err instanceof Error ? err.message : String(err);
  return { error: { status: 0, errorCode: code, detail: message } };
}

/** Writing the output failed: stdout is full or broken (exit 1; a closed pipe is not reported). */
export class OutputError extends CliError {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message, undefined, EXIT.failure);
    this.name = 'OutputError';
  }
}

/** Exit code for a run ended by SIGTERM (128 + 15). */
export const EXIT_TERMINATED = EXIT.terminated;
