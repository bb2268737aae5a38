// `--fields` is checked against what a command prints, before any request: paths in
// the spec's response schema of the operation (the items of a paginated list), the
// table's column names, and fields of documents the command builds itself.
import { describe, expect, it } from 'vitest';
import { checkFields } from '../../src/args/fields.js';
import { UsageError } from '../../src/errors.js';
import { printedDocumentSchema, schemaHasPath } from '../../src/spec/paths.js';
import { CLUSTER_VIEW } from '../../src/commands/cluster/views.js';

const CLUSTER = { operationId: 'getGroupCluster', view: CLUSTER_VIEW } as const;

async function refusal(p: Promise<void>): Promise<UsageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

describe('response schema paths', () => {
  const cluster = printedDocumentSchema('getGroupCluster');
  it('walks properties, nested objects and array items by index', () => {
    expect(schemaHasPath(cluster, ['name'])).toBe(true);
    expect(schemaHasPath(cluster, ['connectionStrings', 'standardSrv'])).toBe(true);
    expect(schemaHasPath(cluster, ['replicationSpecs', '0', 'regionConfigs', '1', 'electableSpecs', 'instanceSize'])).toBe(true);
    expect(schemaHasPath(cluster, ['replicationSpecs', 'regionConfigs'])).toBe(false);
    expect(schemaHasPath(cluster, ['nme'])).toBe(false);
    expect(schemaHasPath(cluster, ['name', 'first'])).toBe(false);
  });

  it('a paginated list prints its items: fields are relative to one item', () => {
    const item = printedDocumentSchema('listGroups');
    expect(schemaHasPath(item, ['name'])).toBe(true);
    expect(schemaHasPath(item, ['results'])).toBe(false);
    expect(schemaHasPath(item, ['totalCount'])).toBe(false);
  });

  it('follows oneOf alternatives (region configs of any cloud)', () => {
    // CloudRegionConfig20240805 is a oneOf of AWS/Azure/GCP/Tenant region configs in the spec
    expect(schemaHasPath(cluster, ['replicationSpecs', '0', 'regionConfigs', '0', 'backingProviderName'])).toBe(true);
    expect(schemaHasPath(cluster, ['replicationSpecs', '0', 'regionConfigs', '0', 'electableSpecs', 'ebsVolumeType'])).toBe(true);
  });
});

describe('checkFields', () => {
  it('accepts schema paths and the table column names', async () => {
    await checkFields(['name', 'tier', 'provider/region', 'PROVIDER-REGION', 'stateName', 'replicationSpecs.0.id'], CLUSTER, 'cluster get');
  });

  it('refuses unknown fields, naming all of them and the valid ones', async () => {
    const e = await refusal(checkFields(['name', 'nme', 'tierr'], CLUSTER, 'cluster create'));
    expect(e.message).toBe('unknown fields nme, tierr for `cluster create`');
    expect(e.hint).toMatch(/^fields here: name, type, tier, provider\/region, .*connectionStrings/);
  });

  it('fields of a document the command builds', async () => {
    await checkFields(['name', 'deleted'], { fields: ['name', 'deleted', 'stateName'] }, 'cluster delete');
    const e = await refusal(checkFields(['id'], { fields: ['name', 'deleted'] }, 'cluster delete'));
    expect(e.hint).toMatch(/fields here: name, deleted;/);
  });

  it('a command that prints no documents refuses --fields', async () => {
    const e = await refusal(checkFields(['x'], undefined, 'config path'));
    expect(e.message).toBe('--fields cannot be used with `config path`: it prints no documents to pick fields from');
  });
});
