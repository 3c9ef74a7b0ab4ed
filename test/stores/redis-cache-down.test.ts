import net from 'node:net';
import { CacheUnavailableError } from '../../src/stores/cache';
import { RedisCache } from '../../src/stores/redis-cache';

/** Nothing listens on port 1 of the loopback: connections are refused at once. */
const CLOSED_PORT_URL = 'redis://:secret@127.0.0.1:1';

describe('RedisCache when Redis is unreachable', () => {
  it('rejects ping and get with a clear error within a couple of seconds, and does not crash', async () => {
    const cache = new RedisCache(CLOSED_PORT_URL, 'lianluo-down:');
    const started = Date.now();

    await expect(cache.ping()).rejects.toThrow(/^Redis at redis:\/\/127\.0\.0\.1:1 is unreachable: .*ECONNREFUSED/);
    await expect(cache.get('anything')).rejects.toThrow(/is unreachable/);
    await expect(cache.lock('job', 1000)).rejects.toThrow(/is unreachable/);

    expect(Date.now() - started).toBeLessThan(3000);
    await cache.close();
  });

  it('once it knows the connection is down, fails every call at once with CacheUnavailableError', async () => {
    const cache = new RedisCache(CLOSED_PORT_URL, 'lianluo-down:');
    await expect(cache.get('first')).rejects.toBeInstanceOf(CacheUnavailableError);
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) await expect(cache.setIfAbsent(`k${i}`, 'v', 1000)).rejects.toBeInstanceOf(CacheUnavailableError);
    expect(Date.now() - started).toBeLessThan(200); // not 20 connection attempts
    await cache.close();
  });

  it.each([CLOSED_PORT_URL, 'redis://user:p@ss@127.0.0.1:1', 'redis://127.0.0.1:1?password=secret'])('never reveals the password in its errors (%#)', async (url) => {
    const cache = new RedisCache(url);
    const error = await cache.ping().then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(error?.message).not.toMatch(/secret|ss@/);
    await cache.close();
  });
});

describe('RedisCache construction', () => {
  it('opens no connection until the first command', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;

    const cache = new RedisCache(`redis://127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBe(0);

    // The same listener proves the check can fail: a command does connect.
    await expect(cache.ping()).rejects.toThrow();
    expect(connections).toBeGreaterThan(0);

    await cache.close();
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('RedisCache when Redis accepts but never answers', () => {
  it('rejects within the command timeout instead of hanging the push', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket)); // reads nothing, answers nothing
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const cache = new RedisCache(`redis://127.0.0.1:${port}`);
    const started = Date.now();

    await expect(cache.get('key')).rejects.toThrow(/no answer in 2000 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(4000);

    // Known silent: the next calls fail at once instead of each waiting two seconds.
    const again = Date.now();
    await expect(cache.setIfAbsent('push', 'run', 1000)).rejects.toBeInstanceOf(CacheUnavailableError);
    await expect(cache.get('key')).rejects.toThrow(/not answering/);
    expect(Date.now() - again).toBeLessThan(200);

    await cache.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
