/**
 * Every failure the CLI expects is one of these classes; `exitCodeFor` is the one
 * place that maps them to the contract's exit codes.
 */

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  conflict: 5,
  server: 6,
  network: 7,
  interrupted: 130,
} as const;

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
export const EXIT_TERMINATED = 143;
