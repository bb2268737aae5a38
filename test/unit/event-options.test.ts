import { describe, expect, it } from 'vitest';
import { eventQuery, eventTypes } from '../../src/commands/event/options.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-11-10T12:00:00.400Z');

describe('event list options', () => {
  it('the spec lists hundreds of project types and fewer organization types', () => {
    expect(eventTypes('project').length).toBeGreaterThan(500);
    expect(eventTypes('org').length).toBeGreaterThan(200);
    expect(eventTypes('project')).toContain('CLUSTER_CREATED');
    expect(eventTypes('org')).not.toContain('CLUSTER_CREATED');
  });

  it('nothing given: no filter at all', () => {
    expect(eventQuery({}, 'project', NOW)).toEqual({});
  });

  it('dates become minDate/maxDate, rounded inwards to whole seconds', () => {
    expect(eventQuery({ since: '2h', until: '30m' }, 'project', NOW)).toEqual({ minDate: '2026-11-10T10:00:01Z', maxDate: '2026-11-10T11:30:00Z' });
    expect(eventQuery({ since: '2026-11-01', until: '2026-11-01T10:00:00+02:00' }, 'project', NOW)).toEqual({
      minDate: '2026-11-01T00:00:00Z',
      maxDate: '2026-11-01T08:00:00Z',
    });
  });

  it('refuses dates that do not parse and windows that end before they start', () => {
    usage(() => eventQuery({ since: 'last tuesday' }, 'project', NOW));
    usage(() => eventQuery({ until: '2026-13-01' }, 'project', NOW));
    expect(usage(() => eventQuery({ since: '1h', until: '2h' }, 'project', NOW)).message).toMatch(/--until .* must be after --since/);
  });

  it('types: repeated or comma-separated, any case, deduplicated, checked against the scope', () => {
    expect(eventQuery({ type: ['cluster_created, CLUSTER_DELETED', 'CLUSTER_CREATED'] }, 'project', NOW)).toEqual({ eventType: ['CLUSTER_CREATED', 'CLUSTER_DELETED'] });
    expect(usage(() => eventQuery({ type: ['CLUSTR_CREATED'] }, 'project', NOW)).hint).toMatch(/did you mean CLUSTER_CREATED/);
    expect(usage(() => eventQuery({ type: ['CLUSTER_CREATED'] }, 'org', NOW)).message).toMatch(/for organization events/);
    expect(eventQuery({ type: ['GROUP_CREATED'] }, 'org', NOW)).toEqual({ eventType: ['GROUP_CREATED'] });
  });

  it('clusters: project events only, names as the spec allows', () => {
    expect(eventQuery({ cluster: ['Cluster0,Other-1'] }, 'project', NOW)).toEqual({ clusterNames: ['Cluster0', 'Other-1'] });
    usage(() => eventQuery({ cluster: ['-bad'] }, 'project', NOW));
    usage(() => eventQuery({ cluster: ['Cluster0'] }, 'org', NOW));
  });
});
