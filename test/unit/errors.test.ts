import { describe, expect, it } from 'vitest';
import { AtlasApiError, AuthConfigError, CliError, NetworkError, UsageError, errorJson, exitCodeFor } from '../../src/errors.js';

const api = (status: number, errorCode = 'X') => new AtlasApiError(status, { error: status, errorCode, detail: 'd' }, 'GET', '/p');

describe('exit codes', () => {
  it.each([
    [400, 1],
    [401, 3],
    [403, 3],
    [404, 4],
    [409, 5],
    [429, 6],
    [500, 6],
    [503, 6],
  ])('HTTP %i exits %i', (status, code) => {
    expect(exitCodeFor(api(status))).toBe(code);
  });

  it('maps the CLI failures', () => {
    expect(exitCodeFor(new UsageError('u'))).toBe(2);
    expect(exitCodeFor(new AuthConfigError('a'))).toBe(3);
    expect(exitCodeFor(new NetworkError('n'))).toBe(7);
    expect(exitCodeFor(new CliError('c'))).toBe(1);
    expect(exitCodeFor(new Error('bug'))).toBe(1);
  });

  it('says what failed with the Atlas errorCode and detail', () => {
    const e = new AtlasApiError(404, { error: 404, errorCode: 'GROUP_NOT_FOUND', detail: 'No group with ID x exists.' }, 'GET', '/api/atlas/v2/groups/x');
    expect(e.message).toBe('GET /api/atlas/v2/groups/x failed: 404 GROUP_NOT_FOUND: No group with ID x exists.');
    expect(errorJson(e)).toEqual({ error: { status: 404, errorCode: 'GROUP_NOT_FOUND', detail: 'No group with ID x exists.' } });
  });
});
