import { describe, expect, it } from 'vitest';
import { parseHostname, parseProcessId } from '../../src/commands/process/hosts.js';
import { clusterOf } from '../../src/commands/process/views.js';
import { usage } from '../helpers/expect.js';

describe('cluster of a process', () => {
  it('comes from the user alias Atlas sends (recorded/processes), else names that carry it', () => {
    expect(
      clusterOf({
        hostname: 'atlas-t51nn2-shard-00-00.g7dcil.mongodb-dev.net',
        userAlias: 'processes-719-shard-00-00.g7dcil.mongodb-dev.net',
        replicaSetName: 'atlas-t51nn2-shard-0',
      }),
    ).toBe('processes-719');
    expect(clusterOf({ hostname: 'cluster0-shard-00-01.abcde.mongodb.net' })).toBe('cluster0');
    expect(clusterOf({ hostname: 'h', replicaSetName: 'M10AWSTestCluster-config-0' })).toBe('M10AWSTestCluster');
    expect(clusterOf({ hostname: 'atlas-t51nn2-shard-00-00.g7dcil.mongodb-dev.net', replicaSetName: 'atlas-t51nn2-shard-0' })).toBe('');
  });
});

describe('process and host names', () => {
  it('host:port, lower-cased', () => {
    expect(parseProcessId('Cluster0-Shard-00-00.abc.mongodb.net:27017')).toBe('cluster0-shard-00-00.abc.mongodb.net:27017');
    expect(usage(() => parseProcessId('host.example.net')).hint).toMatch(/host\.example\.net:27017/);
    usage(() => parseProcessId('host:99999'));
    usage(() => parseProcessId('a/b:27017'));
  });
  it('host names drop a port', () => {
    expect(parseHostname('h.example.net:27017')).toBe('h.example.net');
    usage(() => parseHostname('bad host'));
  });
});
