/**
 * `GET /_sandbox/events`: the platform's changes as Server-Sent Events, for the chat page. Each
 * event is one `data:` line of JSON (a `PlatformEvent`); the page refetches what it shows.
 */
import type { Request, Response } from 'express';
import type { Platform } from './platform-state';

/** A comment line this often keeps proxies and idle timeouts from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

/** Builds the SSE handler. Streams end when the client leaves or the sandbox closes. */
export function eventStream(platform: Platform) {
  return (req: Request, res: Response): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The browser reconnects on its own after this many ms; the page refetches on `open`.
    res.write('retry: 2000\n: connected\n\n');
    const stop = platform.events.on((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const end = (): void => {
      stop();
      clearInterval(heartbeat);
      platform.shutdown.signal.removeEventListener('abort', end);
      if (!res.writableEnded) res.end();
    };
    if (platform.shutdown.signal.aborted) return end();
    platform.shutdown.signal.addEventListener('abort', end);
    req.on('close', end);
  };
}
