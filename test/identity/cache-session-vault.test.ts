import { CacheSessionVault } from '../../src/identity/cache-session-vault';
import { MemoryCache } from '../../src/stores/memory-cache';

const creds = { url: 'http://console.test', username: 'acme', password: 'right' };
const session = (at: number) => ({ token: '123', cookies: '{}', loggedInAt: at });

describe('CacheSessionVault', () => {
  it('shares the session between vaults over one cache (processes, restarts)', async () => {
    const cache = new MemoryCache();
    await new CacheSessionVault(cache, 'acme', creds).save(session(1));
    expect(await new CacheSessionVault(cache, 'acme', creds).load()).toEqual(session(1));
    expect(await new CacheSessionVault(cache, 'other', creds).load()).toBeNull();
  });

  it('runs one login at a time: a second caller waits for the session the first saves', async () => {
    const cache = new MemoryCache();
    const one = new CacheSessionVault(cache, 'acme', creds, { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 10)) });
    const two = new CacheSessionVault(cache, 'acme', creds, { sleep: (ms) => new Promise((r) => setTimeout(r, ms / 10)) });
    let logins = 0;
    const login = async () => {
      logins += 1;
      await new Promise((r) => setTimeout(r, 50));
      const s = session(2);
      await one.save(s);
      return s;
    };
    const [a, b] = await Promise.all([one.withLoginLock(login), two.withLoginLock(login)]);
    expect(logins).toBe(1);
    expect(a).toEqual(session(2));
    expect(b).toEqual(session(2));
  });

  it('keeps a login stop under the credentials: new credentials have none', async () => {
    const cache = new MemoryCache();
    const stops: string[] = [];
    const vault = new CacheSessionVault(cache, 'acme', creds, { onBlock: (b) => stops.push(b.failure) });
    await vault.blockLogins({ failure: 'wrong-password', errCode: -3, since: 1 });
    expect(stops).toEqual(['wrong-password']);
    expect(await new CacheSessionVault(cache, 'acme', creds).loginBlock()).toMatchObject({ failure: 'wrong-password' });
    expect(await new CacheSessionVault(cache, 'acme', { ...creds, password: 'fixed' }).loginBlock()).toBeNull();
  });

  it('never writes the password into the cache', async () => {
    const cache = new MemoryCache();
    const vault = new CacheSessionVault(cache, 'acme', { ...creds, password: 'hunter2-secret' });
    await vault.save(session(3));
    await vault.blockLogins({ failure: 'captcha', errCode: -6, since: 1 });
    const entries = (cache as unknown as { entries: Map<string, { value: string }> }).entries;
    expect(entries.size).toBeGreaterThan(1);
    const dump = JSON.stringify([...entries]);
    expect(dump).not.toContain('hunter2-secret');
  });
});
