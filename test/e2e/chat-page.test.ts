/**
 * The sandbox's chat page in a real browser (Debian's Chromium through playwright-core), against
 * the demo: the sandbox and the bot side by side, in-memory stores, any free ports. A person
 * follows the demo account, asks for help and whoami, and reads their own nickname in the answer
 * the bot got by scraping the sandbox's console. 李雷, who follows both demo accounts from the
 * start, switches between them and edits his profile on the platform. The second platform's
 * page shows 韩梅梅 there, and both pages' SMS links open the first sandbox's inbox.
 */
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { SandboxControl } from '../../sandbox/control-client';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo';
import { openStores } from '../../src/stores/open-stores';
import { launchChromium } from '../builders/chromium';

jest.setTimeout(60_000);


let demo: RunningDemo;
let browser: Browser;
let page: Page;

const accountMessages = () => page.locator('[data-testid="message"][data-from="account"]');

/** Waits for an account message containing `text` after the first `skip` ones (an answer to what was just sent). */
async function answerAfter(skip: number, text: string, timeout = 15_000): Promise<void> {
  // Polled from here: the page's content security policy forbids the eval that waitForFunction needs.
  const until = Date.now() + timeout;
  for (;;) {
    const seen = (await accountMessages().allTextContents()).slice(skip);
    if (seen.some((t) => t.includes(text))) return;
    if (Date.now() > until) throw new Error(`no answer containing ${JSON.stringify(text)} within ${timeout} ms; the account sent ${JSON.stringify(seen)}`);
    await page.waitForTimeout(100);
  }
}

async function send(text: string): Promise<number> {
  const before = await accountMessages().count();
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('message-input').press('Enter');
  return before;
}

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  const stores = await openStores({ dataDir: '' }, logger, { inMemoryDocuments: true });
  demo = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores, logger, sandboxPort: 0, identity: { walkDelaysMs: [200, 400, 800, 1600, 3200] } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 375, height: 740 } });
  await page.goto(demo.chatUrl);
  await page.locator('[data-testid="live-status"][data-live="yes"]').waitFor({ timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the sandbox chat page in Chromium', () => {
  it('tells a person who has not followed what to do, in both languages, and keeps the message box and menu disabled', async () => {
    await page.getByTestId('person-select').selectOption({ label: '王小明' });
    const hint = page.getByTestId('follow-hint');
    await hint.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await hint.textContent()).toMatch(/先关注|关注后才能发消息/);
    expect(await hint.textContent()).toContain('You do not follow this account yet');
    await expectComposer('disabled');
    expect(await page.getByTestId('messages').locator('li').count()).toBe(0);
  });

  it('follows the demo account, sends help and whoami, and sees the nickname in the reply', async () => {
    const follow = page.getByTestId('follow-button');
    await expectAttribute(follow, 'data-following', 'no');

    await follow.click();
    await answerAfter(0, '欢迎关注');
    await expectAttribute(follow, 'data-following', 'yes');
    await expectComposer('enabled');
    expect(await page.getByTestId('follow-hint').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="message"][data-kind="event"]').first().textContent()).toContain('Followed');

    await answerAfter(await send('help'), 'Lianluo commands:');
    expect(await page.locator('[data-testid="message"][data-from="person"]').last().textContent()).toContain('help');

    // The bot ties the openID to a FakeID through the console; the answer may come passive or, later, active.
    await answerAfter(await send('whoami'), '王小明', 15_000);
    const truth = await new SandboxControl(demo.sandboxUrl).follows('demo');
    expect(truth.map((f) => f.nickName)).toEqual(['李雷', '韩梅梅', '王小明']);
  });

  it('shows the follower in the console panel', async () => {
    await page.getByTestId('tab-console').click();
    const row = page.getByTestId('console-follower').filter({ hasText: '王小明' });
    await row.waitFor({ timeout: 5000 });
    expect(await row.isVisible()).toBe(true);
    expect(await page.getByTestId('messages').isVisible()).toBe(false); // one panel at a time at 375 px
    await page.getByTestId('tab-chat').click();
  });

  it('renders a hostile nickname as text, and scans a scene QR code made by the sandbox', async () => {
    await page.getByTestId('new-person-toggle').click();
    const hostile = '<img src=x onerror="window.__pwned=1">小红';
    await page.getByTestId('new-person-nickname').fill(hostile);
    await page.getByTestId('new-person-submit').click();
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'no');
    expect(await page.getByTestId('person-select').locator('option:checked').textContent()).toBe(hostile);

    await page.getByTestId('scan-button').click();
    await page.getByTestId('scan-input').fill('booth-7');
    await page.getByRole('button', { name: /As an image/ }).click();
    await page.locator('[data-testid="message"][data-kind="event"]', { hasText: 'booth-7' }).waitFor({ timeout: 10_000 });
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'yes');
    expect(await page.evaluate(() => typeof (globalThis as { __pwned?: unknown }).__pwned)).toBe('undefined');
  });

  it('disables the message box and menu again on unfollow, and follows again from the hint', async () => {
    await page.getByTestId('follow-button').click();
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'no');
    await page.getByTestId('follow-hint').waitFor({ state: 'visible', timeout: 10_000 });
    await expectComposer('disabled');

    await page.getByTestId('follow-hint-button').click();
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'yes');
    await expectComposer('enabled');
    expect(await page.getByTestId('follow-hint').isVisible()).toBe(false);
  });
});

describe('one person, two accounts, in Chromium', () => {
  it('李雷 follows both demo accounts: the account switch shows each chat, and 资料 on either names both accounts', async () => {
    await page.getByTestId('person-select').selectOption({ label: '李雷' });
    await page.getByTestId('account-select').selectOption('demo');
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'yes');
    await answerAfter(0, '欢迎关注');
    await page.getByTestId('account-select').selectOption('demo2');
    await expectAttribute(page.getByTestId('follow-button'), 'data-following', 'yes');
    expect(await page.locator('#chat-title').textContent()).toBe('demo2');
    await answerAfter(await send('资料'), '认识你的公众号：demo、demo2（default 平台）');
  });

  it('edits 李雷’s profile on the platform from the page: the person list, the console panel and the sandbox show it', async () => {
    await page.getByTestId('edit-person-toggle').click();
    const nickname = page.getByTestId('edit-person-nickname');
    expect(await nickname.inputValue()).toBe('李雷');
    expect(await page.getByTestId('edit-person-city').inputValue()).toBe('广州');
    await nickname.fill('李雷 Lei');
    await page.getByTestId('edit-person-city').fill('深圳');
    await page.getByTestId('edit-person-submit').click();
    await page.getByTestId('edit-person-form').waitFor({ state: 'hidden', timeout: 5000 });
    await page.locator('[data-testid="person-select"] option:checked', { hasText: '李雷 Lei' }).waitFor({ state: 'attached', timeout: 5000 });
    const people = await new SandboxControl(demo.sandboxUrl).people();
    expect(people.find((p) => p.nickName === '李雷 Lei')).toMatchObject({ province: '广东', city: '深圳', signature: '周末爬白云山', gender: 1 });
    await page.getByTestId('tab-console').click();
    await page.getByTestId('console-follower').filter({ hasText: '李雷 Lei' }).waitFor({ timeout: 5000 });
    await page.getByTestId('tab-chat').click();
  });
});

describe('the second platform in Chromium', () => {
  it('shows linkup with 韩梅梅 following demo3; both pages’ SMS links open the first sandbox’s inbox', async () => {
    const inbox = `${demo.sandboxUrl}/sms`;
    await page.locator('[data-testid="platform-name"]', { hasText: 'default' }).waitFor({ state: 'attached', timeout: 10_000 });
    expect(await page.getByTestId('sms-link').getAttribute('href')).toBe(inbox);

    const second = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    try {
      await second.goto(demo.platforms[1]!.chatUrl);
      await second.locator('[data-testid="platform-name"]', { hasText: 'linkup' }).waitFor({ timeout: 10_000 });
      expect(await second.getByTestId('sms-link').getAttribute('href')).toBe(inbox);
      expect(await second.getByTestId('account-select').locator('option').allTextContents()).toEqual([expect.stringContaining('demo3')]);
      await second.getByTestId('person-select').selectOption({ label: '韩梅梅' });
      await second.getByTestId('follow-button').and(second.locator('[data-following="yes"]')).waitFor({ timeout: 10_000 });
    } finally {
      await second.close();
    }
  });
});

/** The message box, send button and every menu button are all `state` (the menu has entries in the demo). */
async function expectComposer(state: 'enabled' | 'disabled'): Promise<void> {
  await page.locator(`[data-testid="message-input"]:${state}`).waitFor({ timeout: 10_000 });
  expect(await page.getByTestId('send-button').isEnabled()).toBe(state === 'enabled');
  const menu = page.getByTestId('menu-item');
  expect(await menu.count()).toBeGreaterThan(0);
  for (const item of await menu.all()) expect(await item.isEnabled()).toBe(state === 'enabled');
}

async function expectAttribute(locator: ReturnType<Page['getByTestId']>, name: string, value: string): Promise<void> {
  await locator.and(page.locator(`[${name}="${value}"]`)).waitFor({ timeout: 10_000 });
  expect(await locator.getAttribute(name)).toBe(value);
}
