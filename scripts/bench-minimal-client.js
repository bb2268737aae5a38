#!/usr/bin/env node
// The bench's yardstick for an API command: the least a Node program must do to GET one
// Atlas resource with HTTP Digest (node:http and node:crypto only, one kept-alive
// connection for the challenge and its answer), printing the JSON body.
// Usage: ATLAS_BASE_URL=… ATLAS_PUBLIC_KEY=… ATLAS_PRIVATE_KEY=… node scripts/bench-minimal-client.js <path> [accept]
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

const [path, accept = 'application/vnd.atlas.2023-01-01+json'] = process.argv.slice(2);
const url = new URL(path, process.env.ATLAS_BASE_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const md5 = (s) => createHash('md5').update(s).digest('hex');

function get(headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { Accept: accept, ...headers } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const first = await get({});
let answer = first;
if (first.res.statusCode === 401) {
  const h = first.res.headers['www-authenticate'] ?? '';
  const field = (k) => new RegExp(`${k}="?([^",]*)"?`, 'i').exec(h)?.[1] ?? '';
  const [realm, nonce, qop, opaque] = ['realm', 'nonce', 'qop', 'opaque'].map(field);
  const user = process.env.ATLAS_PUBLIC_KEY;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = md5(`${user}:${realm}:${process.env.ATLAS_PRIVATE_KEY}`);
  const ha2 = md5(`GET:${url.pathname}${url.search}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  const auth = `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${url.pathname}${url.search}", qop=${qop}, nc=${nc}, cnonce="${cnonce}", response="${response}"${opaque ? `, opaque="${opaque}"` : ''}, algorithm=MD5`;
  answer = await get({ Authorization: auth });
}
process.stdout.write(answer.body);
agent.destroy();
process.exitCode = answer.res.statusCode === 200 ? 0 : 1;
