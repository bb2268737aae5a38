#!/usr/bin/env node
// A short tour of atlascli against the bundled Atlas API simulator: starts the
// simulator on a free loopback port, then runs real commands as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { startSimulator } = await import('../dist/simulator/index.js');
const bin = fileURLToPath(new URL('../bin/atlascli.js', import.meta.url));
const sim = await startSimulator({ port: 0, stepMs: 300 });
const c = sim.credentials;
const env = {
  ...process.env,
  XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-demo-')),
  ATLAS_BASE_URL: sim.url,
  ATLAS_PUBLIC_KEY: c.publicKey,
  ATLAS_PRIVATE_KEY: c.privateKey,
  ATLAS_ORG_ID: c.orgId,
  ATLAS_PROJECT_ID: c.projectId,
};

const bold = (s) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);
let failures = 0;
function step(title, args, { expect = 0 } = {}) {
  console.log(`\n${bold(`# ${title}`)}\n$ atlascli ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== expect) {
    failures++;
    console.log(`(exit ${r.status}, expected ${expect})`);
  } else if (expect !== 0) {
    console.log(`(exit ${r.status}, as expected)`);
  }
}

console.log(`Atlas API simulator on ${sim.url} — API key ${c.publicKey}, project ${c.projectId}`);
step('Where each setting comes from', ['config', 'describe']);
step('Organizations', ['org', 'list']);
step('Projects, as a table', ['project', 'list']);
step('Projects, as JSON for scripts', ['project', 'list', '--limit', '2', '-o', 'json', '--fields', 'id,name']);
step('Create a project (dry run first)', ['project', 'create', 'demo-project', '--dry-run']);
step('Create a project', ['project', 'create', 'demo-project']);
step('A missing project exits 4', ['project', 'get', 'ffffffffffffffffffffffff'], { expect: 4 });
step('Project settings', ['project', 'settings', 'get']);
step('Deleting needs --force when nothing can prompt: exit 2, nothing sent', ['project', 'delete', c.projectId], { expect: 2 });
step('Clusters', ['cluster', 'list']);
step('Create a cluster and wait until it is IDLE', ['cluster', 'create', 'demo-cluster', '--size', 'M10', '--wait']);
step('Pause it', ['cluster', 'pause', 'demo-cluster', '--wait', '-o', 'json', '--fields', 'name,paused,stateName']);
step('Invalid input exits 2 before any request', ['cluster', 'create', 'bad_name!', '--size', 'M7'], { expect: 2 });
await sim.close();
console.log(`\n${sim.requests.length} requests reached the simulator.${failures ? ` ${failures} step(s) did not exit as expected.` : ''}`);
process.exitCode = failures ? 1 : 0;
