import { describe, expect, it } from 'vitest';
import { ackBody, checkAlertId, parseStatus, unackBody } from '../../src/commands/alert/options.js';
import { alertTarget } from '../../src/commands/alert/views.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-11-10T12:00:00Z');

describe('alert options', () => {
  it('statuses: any case; others refused with the closest', () => {
    expect(parseStatus('tracking')).toBe('TRACKING');
    expect(parseStatus(undefined)).toBeUndefined();
    expect(usage(() => parseStatus('CLOSD')).hint).toMatch(/did you mean CLOSED/);
    expect(usage(() => parseStatus('CANCELLED')).message).toMatch(/invalid --status/);
  });

  it('alert ids are 24 hex digits', () => {
    expect(checkAlertId('5EFDB5DD5B306E51E2E9B05B')).toBe('5efdb5dd5b306e51e2e9b05b');
    usage(() => checkAlertId('5efdb5dd'));
    usage(() => checkAlertId(undefined));
  });

  it('ack --until: ISO or relative forward, strictly in the future, whole seconds', () => {
    expect(ackBody({ until: '2026-11-11T08:30:00.750Z' }, NOW)).toEqual({ acknowledgedUntil: '2026-11-11T08:30:00Z' });
    expect(ackBody({ until: '8h', comment: 'night batch' }, NOW)).toEqual({ acknowledgedUntil: '2026-11-10T20:00:00Z', acknowledgementComment: 'night batch' });
    expect(ackBody({ until: 'P2D' }, NOW).acknowledgedUntil).toBe('2026-11-12T12:00:00Z');
    expect(usage(() => ackBody({ until: '2026-11-10T11:59:59Z' }, NOW)).message).toMatch(/not in the future/);
    expect(usage(() => ackBody({ until: 'now' }, NOW)).message).toMatch(/not in the future/);
    usage(() => ackBody({ until: 'next week' }, NOW));
  });

  it('ack --forever is a hundred years on; exactly one of --until and --forever', () => {
    expect(ackBody({ forever: true }, NOW)).toEqual({ acknowledgedUntil: '2126-11-10T12:00:00Z' });
    usage(() => ackBody({}, NOW));
    usage(() => ackBody({ forever: true, until: '2h' }, NOW));
  });

  it('comments: at most 200 characters (counted as characters, not bytes), not blank', () => {
    expect(ackBody({ forever: true, comment: 'é'.repeat(200) }, NOW).acknowledgementComment).toHaveLength(200);
    expect(usage(() => ackBody({ forever: true, comment: 'x'.repeat(201) }, NOW)).message).toMatch(/201 characters/);
    usage(() => ackBody({ forever: true, comment: '  ' }, NOW));
  });

  it('unack uses the 2024-05-30 flag', () => {
    expect(unackBody()).toEqual({ unacknowledgeAlert: true });
  });

  it('the table names the cluster, else the host, else the replica set', () => {
    expect(alertTarget({ clusterName: 'c', hostnameAndPort: 'h:1' })).toBe('c');
    expect(alertTarget({ hostnameAndPort: 'h:1', replicaSetName: 'rs' })).toBe('h:1');
    expect(alertTarget({ replicaSetName: 'rs' })).toBe('rs');
    expect(alertTarget({})).toBe('');
  });
});
