// The private modules of undici the API client loads directly (see src/atlas/tuning.ts), typed
// from undici's own declarations.
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export default EnvHttpProxyAgent;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export default Dispatcher;
}

declare module 'undici/lib/api/index.js' {
  /** request, stream, pipeline, upgrade and connect, as undici's index puts them on Dispatcher.prototype. */
  const api: Record<string, unknown>;
  export default api;
}
