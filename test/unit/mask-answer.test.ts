import { describe, expect, it } from 'vitest';
import { looksMasked, maskAnswer } from '../../src/atlas/mask.js';

describe('maskAnswer: an answer fit to print', () => {
  it('masks a credential Atlas answered in clear, keeps one Atlas redacted itself, leaves the rest', () => {
    const doc = {
      id: '65a1b2c3d4e5f60718293a09',
      notifications: [
        { typeName: 'PAGER_DUTY', serviceKey: 'pd-key-in-clear-0000', notifierId: 'n1' },
        { typeName: 'SLACK', apiToken: '************************4242', channelName: 'ops' },
      ],
    };
    expect(maskAnswer(doc, 'getGroupAlertConfig')).toEqual({
      id: '65a1b2c3d4e5f60718293a09',
      notifications: [
        { typeName: 'PAGER_DUTY', serviceKey: '********', notifierId: 'n1' },
        { typeName: 'SLACK', apiToken: '************************4242', channelName: 'ops' },
      ],
    });
    expect(doc.notifications[0]!.serviceKey).toBe('pd-key-in-clear-0000');
  });

  it("masks a stream connection's credentials at the paths the spec marks", () => {
    const c = { name: 'k', authentication: { username: 'u', password: 'pw' }, schemaRegistryAuthentication: { password: 'x' } };
    expect(maskAnswer(c, 'getGroupStreamConnection')).toEqual({
      name: 'k',
      authentication: { username: 'u', password: '********' },
      schemaRegistryAuthentication: { password: '********' },
    });
  });

  it("looksMasked: the mask, and Atlas's redaction (asterisks, at most four characters after)", () => {
    expect(looksMasked('********')).toBe(true);
    expect(looksMasked('****abcd')).toBe(true);
    expect(looksMasked('****abcde')).toBe(false);
    expect(looksMasked('pd-key')).toBe(false);
    expect(looksMasked(undefined)).toBe(false);
  });
});
