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
  { key: 'notFound', code: 4, short: 'not found', meaning: 'not found (HTTP 404), including what Atlas says is missing with 400 (API_KEY_NOT_FOUND, …_NOT_FOUND)' },
  {
    key: 'conflict',
    code: 5,
    short: 'conflict',
    meaning: 'conflict (HTTP 409), including "already exists" for every resource, whether Atlas answers 400 or 409 (DUPLICATE_*, *_ALREADY_EXISTS)',
  },
  { key: 'server', code: 6, short: 'rate limit or server', meaning: 'rate-limited or server error after the retries ran out (HTTP 429, 5xx)' },
  { key: 'network', code: 7, short: 'network', meaning: 'network: connection refused or reset, DNS, TLS, timeout, an answer cut short or unreadable' },
  {
    key: 'commandNotFound',
    code: 127,
    short: 'command not found',
    meaning: 'whitelist exec, cluster connect: the command to run was not found or cannot be executed (nothing was added to the access list)',
  },
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
      `${method} ${path} failed: ${status}${body.errorCode ? ` ${body.errorCode}` : ''}${body.detail ? `: ${body.detail}` : body.reason ? `: ${body.reason}` : ''}`,
      hint,
      exitCodeForAnswer(status, body.errorCode),
    );
    this.name = 'AtlasApiError';
  }

  get errorCode(): string | undefined {
    return this.body.errorCode;
  }

  /** The same answer with `hint` (what to do about it) instead of its own. */
  withHint(hint: string): AtlasApiError {
    return new AtlasApiError(this.status, this.body, this.method, this.path, hint);
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

/**
 * errorCodes by which Atlas says the thing asked for exists already. Atlas answers some
 * with 409 (GROUP_ALREADY_EXISTS, USER_ALREADY_EXISTS, PEER_ALREADY_EXISTS…) and others
 * with 400 (DUPLICATE_CLUSTER_NAME, DUPLICATE_CLUSTER_NAME_PREFIX, DUPLICATE_POLICY_NAME,
 * DUPLICATE_GLOBAL_WHITELIST_ENTRY, DUPLICATE_MANAGED_NAMESPACE, ATLAS_FTS_DUPLICATE_INDEX,
 * PHYSICAL_HOST_ALREADY_EXISTS…): the codes of that kind in MongoDB's Atlas Administration
 * API error-code list (mongodb.com/docs/atlas/reference/api-errors).
 */
const ALREADY_EXISTS = /(^|_)(ALREADY_EXISTS|DUPLICATE)(_|$)/;
/**
 * DUPLICATE_* codes of that list that name a repetition inside the request itself, not
 * a thing that exists ("Two or more of the IP addresses being added … are the same"):
 * bad input, answered 400, not a conflict.
 */
const DUPLICATE_IN_REQUEST = new Set([
  'DUPLICATE_ADDRESSES_IN_INPUT',
  'DUPLICATE_DATABASE_ROLES',
  'DUPLICATE_ROLE_ENTRY_IN_LDAP_MAPPING',
  'DUPLICATE_ZONE_NAME',
  'ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION',
  'ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE',
]);

/** true when an Atlas errorCode says that what was asked for exists already (exit 5). */
export function isAlreadyExists(errorCode: string | undefined): boolean {
  return errorCode !== undefined && ALREADY_EXISTS.test(errorCode) && !DUPLICATE_IN_REQUEST.has(errorCode);
}

/**
 * The exit code for an Atlas error answer: by status, except that "already exists"
 * (`isAlreadyExists`) is `EXIT.conflict` whether Atlas says it with 400 or 409, and a 400
 * whose errorCode says something is missing (`…_NOT_FOUND`) is `EXIT.notFound`.
 */
export function exitCodeForAnswer(status: number, errorCode?: string): number {
  if ((status === 400 || status === 409) && isAlreadyExists(errorCode)) return EXIT.conflict;
  // Atlas answers some missing things with 400 (API_KEY_NOT_FOUND, BACKUP_JOB_NOT_FOUND: its error-code list)
  if (status === 400 && errorCode !== undefined && /_NOT_FOUND$/.test(errorCode)) return EXIT.notFound;
  return exitCodeForStatus(status);
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

/**
 * The exit code of a run ended by each signal the bin handles (128 + the signal's
 * number), from the table: the bin reads it from the module it loads anyway.
 */
export const SIGNAL_EXIT = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hungUp } as const;
