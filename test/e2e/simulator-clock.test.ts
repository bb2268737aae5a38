// `atlascli simulator --clock manual`: time moves only on POST /__simulator/clock (contract,
// "The simulator as a test fixture"), so a script sees a cluster CREATING until it says so.
import { describe, expect, it } from 'vitest';
import { runCli, spawnSimulator } from '../helpers/cli.js';

describe('atlascli simulator --clock', () => {
  it('manual: a cluster stays CREATING until the script advances the clock over HTTP', async () => {
    const { child, vars: env, stderr } = await spawnSimulator(['--port', '0', '--clock', 'manual']);
    try {
      expect((await runCli(['cluster', 'create', 'held', '-o', 'json'], { env })).json().stateName).toBe('CREATING');
      expect((await runCli(['cluster', 'get', 'held', '-o', 'json'], { env })).json().stateName).toBe('CREATING');
      const moved = await fetch(`${env.ATLAS_BASE_URL}/__simulator/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT10M' }) });
      expect(moved.status).toBe(200);
      expect(await moved.json()).toMatchObject({ mode: 'manual', stepMs: 300_000, durations: expect.objectContaining({ clusterCreate: 600_000 }) });
      expect((await runCli(['cluster', 'get', 'held', '-o', 'json'], { env })).json().stateName).toBe('IDLE');
      const bad = await fetch(`${env.ATLAS_BASE_URL}/__simulator/clock`, { method: 'POST', body: JSON.stringify({ advance: '10m' }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: '"advance" is "10m", not an ISO 8601 duration: send {"advance": "<ISO 8601 duration>"}, e.g. {"advance": "PT10M"}' });
      expect(stderr()).toMatch(/the clock is manual: move it with POST http:\/\/127\.0\.0\.1:\d+\/__simulator\/clock/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
  });

  it('refuses an unknown mode before starting (exit 2)', async () => {
    const r = await runCli(['simulator', '--port', '0', '--clock', 'fast']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid --clock "fast".*use one of: real, manual/s);
  });
});
