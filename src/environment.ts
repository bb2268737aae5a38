/**
 * Every environment variable atlascli reads, declared once. The settings' variables come
 * from SETTINGS (src/settings/definitions.ts); the others are named in `ENV`, which the
 * code reads them by. `atlascli help environment` prints this list.
 */
import { SETTINGS, type SettingKey } from './settings/definitions.js';

/** Names of the variables that are not settings, as the code reads them. */
export const ENV = {
  /** A fixed interval between polls while waiting, in ms. */
  pollMs: 'ATLASCLI_POLL_MS',
  /** How long a TAB waits for Atlas to name clusters, in ms. */
  completeTimeoutMs: 'ATLASCLI_COMPLETE_TIMEOUT_MS',
  noColor: 'NO_COLOR',
  term: 'TERM',
  ci: 'CI',
  xdgConfigHome: 'XDG_CONFIG_HOME',
  home: 'HOME',
  /** Read by Node's os.tmpdir(), for bin/compile-cache.js. */
  tmpDir: 'TMPDIR',
  httpsProxy: ['https_proxy', 'HTTPS_PROXY'],
  httpProxy: ['http_proxy', 'HTTP_PROXY'],
  noProxy: ['no_proxy', 'NO_PROXY'],
  extraCaCerts: 'NODE_EXTRA_CA_CERTS',
  path: 'PATH',
  pathExt: 'PATHEXT',
} as const;

export interface EnvironmentVariable {
  /** Its names; when several are set, the first wins. */
  names: readonly string[];
  description: string;
  /** The setting it carries (flag > environment > profile > default). */
  setting?: SettingKey;
  group: 'settings' | 'terminal' | 'network' | 'files';
}

const names = (n: string | readonly string[]): readonly string[] => (typeof n === 'string' ? [n] : n);

export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  ...SETTINGS.map((s): EnvironmentVariable => ({
    names: s.env,
    description: `${s.description} (${s.flag}${s.inProfile ? `; profile key ${s.key}` : ''}${s.defaultValue ? `; default ${s.defaultValue}` : ''})`,
    setting: s.key,
    group: 'settings',
  })),
  { names: names(ENV.noColor), description: 'any value but empty: no colour (as --no-color)', group: 'terminal' },
  { names: names(ENV.term), description: 'dumb: no colour', group: 'terminal' },
  { names: names(ENV.ci), description: 'set (to anything): no spinner, one line per change of state instead', group: 'terminal' },
  {
    names: names(ENV.pollMs),
    description:
      'a fixed interval in ms between polls while waiting (--wait, watch); default 1 s, growing to 10 s; also how often whitelist exec checks its entry while the command runs (default 20 s, at least 500 ms)',
    group: 'terminal',
  },
  {
    names: names(ENV.completeTimeoutMs),
    description: 'how long shell completion waits for Atlas to name clusters, in ms (default 2000); silent when it runs out',
    group: 'terminal',
  },
  { names: names(ENV.httpsProxy), description: 'proxy for the HTTPS requests to Atlas (http://host:port)', group: 'network' },
  { names: names(ENV.httpProxy), description: 'proxy for HTTP requests, and for HTTPS ones when no HTTPS proxy is set', group: 'network' },
  { names: names(ENV.noProxy), description: 'hosts that bypass the proxy, comma-separated (* for all)', group: 'network' },
  {
    names: names(ENV.extraCaCerts),
    description: 'a PEM file of extra CA certificates (a private CA, a proxy that inspects TLS); read by Node.js at start',
    group: 'network',
  },
  { names: names(ENV.xdgConfigHome), description: 'the config folder is $XDG_CONFIG_HOME/atlascli (default ~/.config/atlascli)', group: 'files' },
  { names: names(ENV.home), description: 'home folder, for ~/.config when XDG_CONFIG_HOME is unset', group: 'files' },
  { names: names(ENV.tmpDir), description: 'atlascli keeps the code V8 compiled for it under $TMPDIR/atlascli-code-cache-<uid> (default /tmp), to start faster', group: 'files' },
  { names: names(ENV.path), description: 'where `whitelist exec` looks for its command before it touches the access list', group: 'files' },
  { names: names(ENV.pathExt), description: 'on Windows, the extensions a command found on PATH may have (.EXE, .CMD…)', group: 'files' },
];

/** Every name in the list. */
export function environmentNames(): string[] {
  return ENVIRONMENT.flatMap((v) => v.names);
}
