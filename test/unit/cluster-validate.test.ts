import { describe, expect, it } from 'vitest';
import { usage } from '../helpers/expect.js';
import {
  checkClusterName,
  offeredRegions,
  offeredSizes,
  parseClusterType,
  parseDiskGb,
  parseInstanceSize,
  parseMongoVersion,
  parseOplogMb,
  parseProvider,
  parseRegion,
  parseShards,
  parseTls,
} from '../../src/commands/cluster/validate.js';
import { parseJsonObject } from '../../src/commands/cluster/file.js';
import { lineColumn, locateJsonError } from '../../src/args/json-errors.js';

describe('cluster names', () => {
  it.each(['Cluster0', 'a', 'my-cluster-1', '0abc', 'x'.repeat(64)])('accepts %s', (n) => {
    expect(checkClusterName(n)).toBe(n);
  });
  it.each(['', 'bad_name', '-lead', 'has space', 'dots.no', 'x'.repeat(65), 'ünïcode'])('refuses %j', (n) => {
    usage(() => checkClusterName(n));
  });
});

describe('instance sizes', () => {
  it('normalises case and accepts the dedicated tiers a cloud offers', () => {
    expect(parseInstanceSize('m10', 'AWS')).toBe('M10');
    expect(parseInstanceSize('M140', 'AWS')).toBe('M140');
    expect(parseInstanceSize('R700', 'AWS')).toBe('R700');
    expect(parseInstanceSize('m40_nvme', 'AWS')).toBe('M40_NVME');
    expect(parseInstanceSize('M400_NVME', 'AWS')).toBe('M400_NVME');
    expect(parseInstanceSize('M400', 'GCP')).toBe('M400');
    expect(parseInstanceSize('M600_NVME', 'AZURE')).toBe('M600_NVME');
  });
  it('without a cloud checks the format only (M10…M700, R40…R700)', () => {
    expect(parseInstanceSize('M700')).toBe('M700');
    expect(parseInstanceSize('M300')).toBe('M300');
    usage(() => parseInstanceSize('M800'));
    usage(() => parseInstanceSize('R20'));
    usage(() => parseInstanceSize('X10'));
    usage(() => parseInstanceSize('M10_FOO'));
  });
  // spec: M0 through TenantRegionConfig20240805; M2/M5 "will create a Flex cluster instead" (retired January 2026)
  it.each([
    ['M0', 'M0'],
    ['m2', 'FLEX'],
    ['M5', 'FLEX'],
    ['flex', 'FLEX'],
  ])('takes the tier %s as %s', (s, want) => {
    expect(parseInstanceSize(s, 'AWS')).toBe(want);
  });
  it('refuses a size the cloud does not offer, naming the clouds that do', () => {
    const e = usage(() => parseInstanceSize('M400', 'AWS'));
    expect(e.message).toBe('instance size M400 is not offered on AWS');
    expect(e.hint).toMatch(/offered on GCP/);
  });
  it('takes the size lists from the spec', () => {
    expect(offeredSizes('AWS')).toContain('M10');
    expect(offeredSizes('AZURE')).toContain('M90');
    expect(offeredSizes('GCP')).toContain('M250');
  });
});

describe('providers, types and regions', () => {
  it('providers', () => {
    expect(parseProvider('aws')).toBe('AWS');
    expect(parseProvider('Azure')).toBe('AZURE');
    usage(() => parseProvider('IBM'));
  });
  it('cluster types', () => {
    expect(parseClusterType('sharded')).toBe('SHARDED');
    expect(parseClusterType('replica-set')).toBe('REPLICASET');
    usage(() => parseClusterType('GEOSHARDED'));
  });
  it('region names per cloud, in their formats', () => {
    expect(parseRegion('us-east-1', 'AWS')).toBe('US_EAST_1');
    expect(parseRegion('CENTRAL_US', 'GCP')).toBe('CENTRAL_US');
    expect(parseRegion('western_europe', 'GCP')).toBe('WESTERN_EUROPE');
    expect(parseRegion('US_EAST_2', 'AZURE')).toBe('US_EAST_2');
    expect(parseRegion('EUROPE_NORTH', 'AZURE')).toBe('EUROPE_NORTH');
    usage(() => parseRegion('MARS_1', 'AWS'));
    usage(() => parseRegion('US_EAST_1', 'GCP'));
  });
  it('a region of another cloud gets a hint naming that cloud', () => {
    const e = usage(() => parseRegion('CENTRAL_US', 'AWS'));
    expect(e.hint).toMatch(/CENTRAL_US is a region of GCP; pass --provider GCP/);
  });
  it('the region lists come from the spec, one per cloud', () => {
    expect(offeredRegions('AWS')).toContain('EU_WEST_1');
    expect(offeredRegions('AWS')).not.toContain('GLOBAL');
    expect(offeredRegions('GCP')).toContain('EASTERN_US');
    expect(offeredRegions('AZURE')).toContain('UK_SOUTH');
  });
});

describe('numbers and versions', () => {
  it('disk size 10 to 4096 GB', () => {
    expect(parseDiskGb('10')).toBe(10);
    expect(parseDiskGb('4096')).toBe(4096);
    usage(() => parseDiskGb('9'));
    usage(() => parseDiskGb('4097'));
    usage(() => parseDiskGb('ten'));
    usage(() => parseDiskGb('10.5'));
  });
  it('MongoDB major.minor', () => {
    expect(parseMongoVersion('7.0')).toBe('7.0');
    expect(parseMongoVersion('8.0')).toBe('8.0');
    expect(usage(() => parseMongoVersion('7.0.12')).hint).toMatch(/7\.0/);
    expect(parseMongoVersion('7')).toBe('7.0');
    expect(parseMongoVersion('8')).toBe('8.0');
    expect(parseMongoVersion('latest')).toBe('latest');
    expect(usage(() => parseMongoVersion('6.0')).message).toMatch(/end of life/);
    usage(() => parseMongoVersion('4.4'));
    usage(() => parseMongoVersion('9.0'));
  });
  it('shards 1 to 70', () => {
    expect(parseShards('1')).toBe(1);
    expect(parseShards('70')).toBe(70);
    usage(() => parseShards('0'));
    usage(() => parseShards('71'));
    usage(() => parseShards('two'));
  });
  it('TLS versions in several spellings', () => {
    expect(parseTls('TLS1_2')).toBe('TLS1_2');
    expect(parseTls('tls1.3')).toBe('TLS1_3');
    expect(parseTls('1.0')).toBe('TLS1_0');
    usage(() => parseTls('TLS1_4'));
    usage(() => parseTls('SSL3'));
  });
  it('oplog at least 990 MB', () => {
    expect(parseOplogMb('990')).toBe(990);
    usage(() => parseOplogMb('100'));
  });
});

describe('--file JSON', () => {
  it('parses an object', () => {
    expect(parseJsonObject('{"name":"x"}', 'f')).toEqual({ name: 'x' });
    expect(parseJsonObject('\uFEFF{"a":1}', 'f')).toEqual({ a: 1 });
  });
  it.each([
    ['{\n  "a": 1,\n  "b": [1, 2,]\n}', 3, 14, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," between items/],
    ['{"a": tru}', 1, 7, /unexpected/],
    ['{"a": 1', 1, 8, /expected "," or "}", unexpected end of input/],
    ["{'a': 1}", 1, 2, /unexpected character: "'"/],
    ['{"a": "x\ny"}', 1, 7, /unterminated string/],
    ['{"a": 1} x', 1, 10, /unexpected character: "x"/],
    ['', 1, 1, /end of input/],
  ])('reports line and column of a syntax error in %j', (text, line, column, msg) => {
    const e = usage(() => parseJsonObject(text, 'spec.json'));
    expect(e.message).toContain(`at line ${line}, column ${column}`);
    expect(e.message).toMatch(msg);
    expect(e.message).toMatch(/^invalid JSON in --file "spec.json"/);
  });
  it.each([
    ['[1]', 'an array'],
    ['"x"', 'a string'],
    ['null', 'null'],
    ['3', 'a number'],
  ])('refuses %s: not an object', (text, got) => {
    expect(usage(() => parseJsonObject(text, 'f')).message).toMatch(new RegExp(`not ${got}$`));
  });
  it('finds no error in valid input', () => {
    const text = JSON.stringify({ a: [1, -2.5e3, true, false, null, 'q\\"\u00e9\\u0041'], b: {} }, null, 2);
    expect(locateJsonError(text).offset).toBe(text.length);
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('cluster names: Atlas builds host names from them', () => {
  it('refuses a trailing hyphen, in the name or in the 23-character host prefix', () => {
    expect(checkClusterName('ok-name')).toBe('ok-name');
    expect(usage(() => checkClusterName('bad-')).message).toMatch(/ends with a hyphen/);
    expect(usage(() => checkClusterName(`${'a'.repeat(22)}-tail`)).message).toMatch(/first 23 characters end with a hyphen/);
  });
});
