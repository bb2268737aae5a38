/**
 * `cluster connection-string --type`: which of the served connection strings
 * (spec ClusterConnectionStrings; FlexConnectionStrings20241113 has the public two) to print.
 */
import { CliError, UsageError } from '../../errors.js';
import type { Json } from './body.js';

export const CONNECTION_TYPES = ['srv', 'standard', 'private', 'private-srv', 'private-endpoint'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

const FIELD: Record<ConnectionType, string> = {
  srv: 'standardSrv',
  standard: 'standard',
  private: 'private',
  'private-srv': 'privateSrv',
  'private-endpoint': 'privateEndpoint',
};

export function parseConnectionType(value: string | undefined): ConnectionType {
  const v = (value ?? 'srv').trim().toLowerCase().replace(/_/g, '-');
  const t = v === 'standard-srv' ? 'srv' : v === 'privatesrv' ? 'private-srv' : v;
  if (!(CONNECTION_TYPES as readonly string[]).includes(t)) {
    throw new UsageError(`invalid --type "${value}"`, `use one of: ${CONNECTION_TYPES.join(', ')}`);
  }
  return t as ConnectionType;
}

/** The URI of `type`; private endpoints give their SRV strings, one a line. */
export function connectionStringOf(doc: Json, type: ConnectionType, name: string): string {
  const cs = (doc.connectionStrings ?? {}) as Json;
  const v = cs[FIELD[type]];
  if (type === 'private-endpoint') {
    const list = Array.isArray(v) ? (v as Json[]).map((e) => e.srvConnectionString ?? e.connectionString).filter((x): x is string => typeof x === 'string') : [];
    if (list.length) return list.join('\n');
  } else if (typeof v === 'string' && v !== '') {
    return v;
  }
  const offered = CONNECTION_TYPES.filter((t) =>
    t === 'private-endpoint' ? Array.isArray(cs.privateEndpoint) && cs.privateEndpoint.length > 0 : typeof cs[FIELD[t]] === 'string',
  );
  throw new CliError(
    `cluster ${name} has no ${type} connection string`,
    type.startsWith('private')
      ? `Atlas serves it once network peering or a private endpoint is set up for the project; this cluster has: ${offered.join(', ') || 'none'}`
      : `this cluster has: ${offered.join(', ') || 'none'}`,
  );
}
