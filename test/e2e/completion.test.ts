import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from '../helpers/cli.js';

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])('prints the %s script shipped in completions/', async (shell) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL(`../../completions/atlascli.${shell}`, import.meta.url), 'utf8'));
  });

  it('refuses an unknown shell with exit 2', async () => {
    expect((await runCli(['completion', 'csh'])).code).toBe(2);
  });

  it('completes commands, options and option values from the command tree', async () => {
    expect((await runCli(['__complete', 'proj'])).stdout).toBe('project\n');
    expect((await runCli(['__complete', 'pro'])).stdout).toBe('process\nproject\n');
    expect((await runCli(['__complete', 'project', 'settings', ''])).stdout).toBe('get\nset\n');
    expect((await runCli(['__complete', 'project', 'list', '--li'])).stdout).toBe('--limit\n');
    expect((await runCli(['__complete', 'org', 'list', '-o', 'js'])).stdout).toBe('json\njsonl\n');
    expect((await runCli(['__complete', '--format', ''])).stdout).toBe('full\nshort\n');
  });

  it('works in a real bash with the shipped script', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    symlinkSync(BIN, join(dir, 'bin', 'atlascli'));
    const script = `source ${JSON.stringify(new URL('../../completions/atlascli.bash', import.meta.url).pathname)}
COMP_WORDS=(atlascli project se); COMP_CWORD=2; _atlascli; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(r.stdout).toBe('settings\n');
  });
});
