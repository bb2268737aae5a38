// Encryption at rest with customer-managed keys (GET /groups/{groupId}/encryptionAtRest):
// what a client reads before creating a cluster. The simulated projects have no key
// management configured, so every provider is disabled.
//
// Shape: the spec's EncryptionAtRest schema (awsKms, azureKeyVault, googleCloudKms,
// enabledForSearchNodes); the values for a project with nothing configured are unconfirmed
// (no recording): each provider `enabled: false`, `valid: false`, `requirePrivateNetworking:
// false` where the schema has it. Setting keys (PATCH) is not simulated.
import { requireProject, type HandlerTable } from '../context.js';
import type { Json } from '../state.js';

/** A project's encryption-at-rest settings with no provider configured. */
export function encryptionAtRestOff(): Json {
  return {
    awsKms: { enabled: false, requirePrivateNetworking: false, valid: false },
    azureKeyVault: { enabled: false, requirePrivateNetworking: false, valid: false },
    enabledForSearchNodes: false,
    googleCloudKms: { enabled: false, valid: false },
  };
}

export const encryptionAtRestHandlers: HandlerTable = {
  getGroupEncryptionAtRest: (ctx) => {
    requireProject(ctx);
    return { body: encryptionAtRestOff() };
  },
};
