import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/commands/org/api-keys-run.js';

describe('API key private keys', () => {
  it('a key Atlas sends in the clear is masked whole; Atlas’s own mask is kept', () => {
    expect(maskKey({ id: 'x', privateKey: 'c8150efd-c7a0-4afd-8c4f-01bdd56c8977' })).toEqual({ id: 'x', privateKey: '********' });
    // recorded: iam/atlasorgapikeys/TestAtlasOrgAPIKeys/Describe
    expect(maskKey({ privateKey: '********-****-****-01bdd56c8977' }).privateKey).toBe('********-****-****-01bdd56c8977');
    expect(maskKey({ id: 'y' })).toEqual({ id: 'y' });
  });
});
