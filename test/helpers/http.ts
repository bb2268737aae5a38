/**
 * Unit tests of the Atlas client against a hand-written HTTP server: the server, closed
 * after each test, and a client of it with test credentials.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { afterEach } from 'vitest';
import { AtlasClient, type ClientOptions } from '../../src/atlas/client.js';

/**
 * Local HTTP servers for the tests of the enclosing file or describe block: `serve(handler)`
 * starts one on 127.0.0.1 (a free port) and resolves with its base URL
 * (`http://127.0.0.1:<port>`); `close()` closes every server started so far, cutting open
 * connections, and runs after each test.
 */
export function localServers(): { serve: (handler: RequestListener) => Promise<string>; close: () => Promise<void> } {
  const open: Server[] = [];
  const close = async (): Promise<void> => {
    const servers = open.splice(0);
    await Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  };
  afterEach(close);
  const serve = async (handler: RequestListener): Promise<string> => {
    const server = createServer(handler);
    open.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  };
  return { serve, close };
}

/** An AtlasClient of `baseUrl` with digest key pub/priv, user agent `test`, no environment and no warnings; `options` win. */
export function testClient(baseUrl: string, options: Partial<ClientOptions> = {}): AtlasClient {
  return new AtlasClient({
    baseUrl,
    credentials: { kind: 'digest', publicKey: 'pub', privateKey: 'priv' },
    userAgent: 'test',
    env: {},
    warn: () => undefined,
    ...options,
  });
}
