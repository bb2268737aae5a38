// Unions told apart by a required enum property (src/spec/validate.ts, `union`): Atlas's alert
// configurations by eventTypeName (GroupAlertsConfig's oneOf), notifications by typeName
// (AlertsNotificationRootForGroup's oneOf). A mistake is named once, where it is.
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../../src/spec/validate.js';

const cpu = (notification: Record<string, unknown>) => ({
  eventTypeName: 'OUTSIDE_METRIC_THRESHOLD',
  metricThreshold: { metricName: 'CONNECTIONS', operator: 'GREATER_THAN', threshold: 1, units: 'RAW' },
  notifications: [notification],
});

describe('a union told apart by a required enum property', () => {
  it('a valid alert configuration of each kind passes', () => {
    expect(validateRequestBody('createGroupAlertConfig', '2023-01-01', cpu({ typeName: 'SLACK', apiToken: 't', channelName: 'c' }))).toEqual([]);
    expect(
      validateRequestBody('createGroupAlertConfig', '2023-01-01', { eventTypeName: 'NO_PRIMARY', notifications: [{ typeName: 'EMAIL', emailAddress: 'a@example.com' }] }),
    ).toEqual([]);
  });

  it('an unknown attribute of a notification is the one issue (not one per notification type)', () => {
    expect(validateRequestBody('createGroupAlertConfig', '2023-01-01', cpu({ typeName: 'SLACK', apiToken: 't', channelName: 'c', colour: 'red' }))).toEqual([
      { pointer: '/notifications/0/colour', kind: 'unknown', message: 'unknown attribute' },
    ]);
  });

  it('an attribute of another notification type is unknown to this one', () => {
    expect(validateRequestBody('createGroupAlertConfig', '2023-01-01', cpu({ typeName: 'EMAIL', emailAddress: 'a@example.com', serviceKey: 'k' }))).toEqual([
      { pointer: '/notifications/0/serviceKey', kind: 'unknown', message: 'unknown attribute' },
    ]);
  });

  it('a type no alternative names is one enum issue listing them all; a missing one is required', () => {
    const issues = validateRequestBody('createGroupAlertConfig', '2023-01-01', cpu({ typeName: 'PIGEON' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: '/notifications/0/typeName', kind: 'enum' });
    expect(issues[0]!.message).toContain('"WEBHOOK"');
    expect(validateRequestBody('createGroupAlertConfig', '2023-01-01', cpu({ emailAddress: 'a@example.com' }))).toEqual([
      { pointer: '/notifications/0/typeName', kind: 'missing', message: 'is required' },
    ]);
  });
});
