#!/usr/bin/env node
// A short tour of atlascli against the bundled Atlas API simulator: starts the
// simulator on a free loopback port, then runs real commands as a user would.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { startSimulator } = await import('../dist/simulator/index.js');
const bin = fileURLToPath(new URL('../bin/atlascli.js', import.meta.url));
const sim = await startSimulator({ port: 0, stepMs: 100 });
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
// The simulator runs in this process, so each command runs asynchronously beside it.
async function step(title, args, { expect = 0 } = {}) {
  console.log(`\n${bold(`# ${title}`)}\n$ atlascli ${args.join(' ')}`);
  const code = await new Promise((resolve) => {
    spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] }).on('close', resolve);
  });
  if (code !== expect) {
    failures++;
    console.log(`(exit ${code}, expected ${expect})`);
  } else if (expect !== 0) {
    console.log(`(exit ${code}, as expected)`);
  }
}

console.log(`Atlas API simulator on ${sim.url} — API key ${c.publicKey}, project ${c.projectId}`);
await step('Projects, as a table', ['project', 'list']);
await step('Deleting needs --force when nothing can prompt: exit 2, nothing sent', ['project', 'delete', c.projectId], { expect: 2 });
await step('Create a cluster and wait until it is IDLE', ['cluster', 'create', 'demo-cluster', '--size', 'M10', '--wait']);
await step('Pause it', ['cluster', 'pause', 'demo-cluster', '--wait', '-o', 'json', '--fields', 'name,paused,stateName']);
await step('Its connection string, alone on stdout', ['cluster', 'connection-string', 'demo-cluster']);
await step('Invalid input exits 2 before any request', ['cluster', 'create', 'bad_name!', '--size', 'M7'], { expect: 2 });
await step('The IP access list: add an address (dry run)', ['whitelist', 'add', '203.0.113.7', '--comment', 'demo', '--ttl', '2h', '--dry-run']);
await step('Metrics of a cluster', ['metrics', 'cluster', 'Cluster0', '--metric', 'CONNECTIONS', '--period', 'PT1H', '--granularity', 'PT5M']);
await step('Snapshots', ['backup', 'snapshot', 'list', 'Cluster0']);
await step('Open alerts', ['alert', 'list', '--status', 'OPEN']);
await step('Recent events, one JSON document a line', ['event', 'list', '--since', '1d', '--limit', '3', '-o', 'jsonl', '--fields', 'created,eventTypeName']);
await step('Any operation of the API', ['api', 'getGroupSettings', '-o', 'json', '--fields', 'isDataExplorerEnabled']);
await sim.close();
console.log(`\n${sim.requests.length} requests reached the simulator.${failures ? ` ${failures} step(s) did not exit as expected.` : ''}`);
process.exitCode = failures ? 1 : 0;
