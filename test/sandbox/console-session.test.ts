import { consoleGet, consolePost, login, md5 } from './console-kit';
import { ACCOUNT, addAccount, control, startWorld, type World } from './sandbox-kit';

describe('sandbox console: login and sessions', () => {
  let world: World;
  afterEach(() => world.close());

  const probe = (session: { token?: string; cookie?: string }, referer?: string | null) =>
    consolePost(world.sandbox, session, '/cgi-bin/getregions?id=1017&t=ajax-getregions&lang=zh_CN', {}, referer);
  const homePage = async (session: { token?: string; cookie?: string }) =>
    (await consoleGet(world.sandbox, session, '/cgi-bin/home?t=home/index&token={token}&lang=zh_CN')).text();

  it('logs in with the lowercase MD5 of the password and sets the six session cookies', async () => {
    world = await startWorld();
    await addAccount(world);
    const { answer, session, setCookies } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    expect(answer).toEqual({ Ret: 302, ErrMsg: `/cgi-bin/home?t=home/index&lang=zh_CN&token=${session!.token}`, ShowVerifyCode: 0, ErrCode: 0 });
    expect(session!.token).toMatch(/^\d+$/);
    expect(setCookies.map((c) => c.split('=')[0])).toEqual(['slave_user', 'slave_sid', 'bizuin', 'data_bizuin', 'data_ticket', 'cert']);
    expect(setCookies.every((c) => c.endsWith('; Path=/; HttpOnly'))).toBe(true);
    expect(await probe(session!)).toHaveProperty('data');
    expect(await homePage(session!)).toContain('wx.cgiData = {');
  });

  it('answers -2 for a wrong password, -4 for an unknown user, -7 for a banned account', async () => {
    world = await startWorld();
    await addAccount(world);
    expect((await login(world.sandbox, ACCOUNT.username, 'wrong')).answer.ErrCode).toBe(-2);
    expect((await login(world.sandbox, 'nobody', ACCOUNT.password)).answer.ErrCode).toBe(-4);
    const raw = await fetch(`${world.sandbox.url}/cgi-bin/login?lang=zh_CN`, {
      method: 'POST',
      body: new URLSearchParams({ username: ACCOUNT.username, pwd: ACCOUNT.password, imgcode: '', f: 'json' }),
    });
    expect(((await raw.json()) as { ErrCode: number }).ErrCode).toBe(-2);
    await control(world.sandbox, 'PATCH', '/accounts/acme', { banned: true });
    const banned = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    expect(banned.answer.ErrCode).toBe(-7);
    expect(banned.session).toBeUndefined();
    expect(md5(ACCOUNT.password)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('asks for the captcha after N logins or failures in the window: -6, then -32 for a wrong one, then accepts the right one', async () => {
    world = await startWorld({ captchaAfterLogins: 2 });
    await addAccount(world);
    expect((await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).answer.ErrCode).toBe(0);
    expect((await login(world.sandbox, ACCOUNT.username, 'wrong')).answer.ErrCode).toBe(-2);
    const third = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    expect(third.answer).toMatchObject({ ErrCode: -6, ShowVerifyCode: 1 });
    expect(third.session).toBeUndefined();
    expect((await login(world.sandbox, ACCOUNT.username, ACCOUNT.password, 'zzzz')).answer.ErrCode).toBe(-32);

    const { json: captcha } = await control<{ text: string; required: boolean }>(world.sandbox, 'GET', '/accounts/acme/captcha');
    expect(captcha.required).toBe(true);
    const solved = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password, captcha.text.toUpperCase());
    expect(solved.answer.ErrCode).toBe(0);
    expect((await control<{ required: boolean }>(world.sandbox, 'GET', '/accounts/acme/captcha')).json.required).toBe(false);
  });

  it('forgets logins older than the captcha window', async () => {
    world = await startWorld({ captchaAfterLogins: 1, captchaWindowMs: 60_000 });
    await addAccount(world);
    await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    expect((await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).answer.ErrCode).toBe(-6);
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 61 });
    expect((await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).answer.ErrCode).toBe(0);
  });

  it('gives the expired signs to calls without cookies, token or a Referer on its host', async () => {
    world = await startWorld();
    await addAccount(world);
    const { session } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    const denied = { ret: '-20000', msg: 'Request is denied! ' };
    expect(await probe({ token: session!.token })).toEqual(denied);
    expect(await probe({ cookie: session!.cookie })).toEqual(denied);
    expect(await probe({ cookie: session!.cookie, token: '123' })).toEqual(denied);
    expect(await probe(session!, null)).toEqual(denied);
    expect(await probe(session!, 'http://elsewhere.example/cgi-bin/home')).toEqual(denied);

    const page = await consoleGet(world.sandbox, { token: session!.token }, '/cgi-bin/home?t=home/index&token={token}&lang=zh_CN');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('登录超时');
    expect(html).not.toContain('wx.cgiData');
    expect(page.headers.getSetCookie()).toContain('slave_sid=EXPIRED; Path=/; HttpOnly');
    expect(await probe(session!)).toHaveProperty('data');
  });

  it('expires a session idle past sessionIdleMs on the sandbox clock; each valid call keeps it alive', async () => {
    world = await startWorld({ sessionIdleMs: 60_000 });
    await addAccount(world);
    const { session } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 40 });
    expect(await probe(session!)).toHaveProperty('data');
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 40 });
    expect(await homePage(session!)).toContain('wx.cgiData');
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 61 });
    expect(await homePage(session!)).toContain('登录超时');
    expect(await probe(session!)).toEqual({ ret: '-20000', msg: 'Request is denied! ' });
  });

  it('expires every session of an account on demand', async () => {
    world = await startWorld();
    await addAccount(world);
    const first = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
    const second = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
    expect(first.token).not.toBe(second.token);
    expect((await control(world.sandbox, 'POST', '/accounts/acme/expire-sessions')).json).toEqual({ expired: 2 });
    expect(await probe(first)).toMatchObject({ ret: '-20000' });
    expect(await probe(second)).toMatchObject({ ret: '-20000' });
  });

  it('logs console requests with the action and account but without secrets, and applies latencyMs', async () => {
    world = await startWorld({ latencyMs: 120 });
    await addAccount(world);
    const started = Date.now();
    const { session } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await probe(session!);
    const { json: log } = await control<Array<Record<string, unknown>>>(world.sandbox, 'GET', '/requests?account=acme');
    expect(log).toEqual([
      expect.objectContaining({ method: 'POST', path: '/cgi-bin/login', action: 'login', status: 200, account: 'acme' }),
      expect.objectContaining({ method: 'POST', path: '/cgi-bin/getregions', action: 'ajax-getregions', status: 200, account: 'acme' }),
    ]);
    expect(log[0]!.ms).toBeGreaterThanOrEqual(100);
    const text = JSON.stringify(log);
    for (const secret of [session!.token, md5(ACCOUNT.password), ACCOUNT.password, session!.cookie.split('; ')[1]!.split('=')[1]!]) {
      expect(text).not.toContain(secret);
    }
    expect((await control(world.sandbox, 'DELETE', '/requests')).status).toBe(204);
    expect((await control(world.sandbox, 'GET', '/requests')).json).toEqual([]);
  });
});
