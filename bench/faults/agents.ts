/** Keep-alive connections for the steady loads, as the platform keeps its connections open. */
import http from 'node:http';

/** An agent with up to 256 sockets per bot; destroy it after the phase. */
export function createAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
}
