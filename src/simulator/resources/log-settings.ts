// Log download knobs and the record of what was served (resources/logs.ts serves the
// downloads): kept in state.logSettings and state.servedLogs, set by tests and the bench.
// A leaf module, like backup-store.ts, so the state can hold them without importing logs.ts.

export const LOG_NAMES = ['mongodb', 'mongos', 'mongodb-audit-log', 'mongos-audit-log'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** What a host's logs look like; every field optional, per host or for all hosts. */
export interface LogKnobs {
  /** Uncompressed bytes of log text in a full 24-hour window (default 200 000). */
  bytes?: number;
  /** gzip level 0..9 (default 6; the 1 GB bench uses 0 so the simulator is not the bottleneck). */
  level?: number;
  /** Destroy the connection after this many body bytes (a reset mid-download). */
  resetAfterBytes?: number;
  /**
   * End the body cleanly after this many bytes of gzip data (the chunked body's last chunk
   * sent, nothing wrong in HTTP): a gzip stream cut where only its own end can tell.
   */
  endCleanlyAfterBytes?: number;
  /** Answer with this Content-Type instead of the versioned gzip one. */
  contentType?: string;
  /** Answer 200 with plain text instead of gzip (a misbehaving proxy, say). */
  notGzip?: boolean;
  /**
   * Answer as an HTTP/1.0 proxy would: no Content-Length, not chunked, the end marked by
   * closing the connection, so that a reset (resetAfterBytes) looks like the end.
   */
  unframed?: boolean;
}

export interface LogSettings extends LogKnobs {
  /** Database auditing of the project: off (audit logs are empty) unless set. */
  auditing?: boolean;
  /** Per host name. */
  hosts: Map<string, LogKnobs>;
}

/** One download the simulator served in full: what a test compares a file with. */
export interface ServedLog {
  hostname: string;
  logName: LogName;
  bytes: number;
  sha256: string;
  complete: boolean;
}

export function defaultLogSettings(): LogSettings {
  return { hosts: new Map() };
}
