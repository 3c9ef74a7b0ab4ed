/**
 * A person's own page in a real browser (Debian's Chromium through playwright-core) on a phone's
 * screen, 390×844: the link `主页` gives, opened against the bot's own HTTP server on a fixed
 * clock. The page shows the profile in Chinese, switches to English, saves an email, changes
 * who sees it, and takes a vCard; after each step the stored profile (and the bot's `profile`
 * and `privacy` replies) must say the same.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createHttpServer } from '../../src/http-server';
import { aliceWithOwnPage } from '../builders/own-page-bot';
import { launchChromium } from '../builders/chromium';

jest.setTimeout(60_000);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'vcards');
const MINUTE = 60_000;

let alice: Awaited<ReturnType<typeof aliceWithOwnPage>>;
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageUrl: string;

const byTest = (id: string) => page.getByTestId(id);
/** The stored item of a field, read from the store (not the page). */
const stored = async (field: string) => (await alice.bot.profiles.profileOf(alice.person.personId))?.items.find((item) => item.field === field);

/** How wide the document is, in CSS pixels: wider than the screen means scrolling sideways. */
const scrollWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');

/** Waits until `locator` has `name="value"` (polled by Playwright's locator, which the CSP allows). */
async function expectAttribute(locator: Locator, name: string, value: string): Promise<void> {
  await locator.and(page.locator(`[${name}="${value}"]`)).waitFor({ timeout: 10_000 });
}

async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).waitFor({ timeout: 10_000 });
}

beforeAll(async () => {
  alice = await aliceWithOwnPage();
  server = createHttpServer(alice.bot.app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${await alice.pagePath()}`;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  await alice?.bot.close();
});

describe('the own page in Chromium on a 390 px phone', () => {
  it('opens in Chinese (the browser language) with the code, the expiry, each field with its source and audience', async () => {
    await page.goto(pageUrl);
    await expectAttribute(page.locator('body'), 'data-state', 'ready');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await byTest('person-code').textContent()).toBe(alice.person.code);
    expect(await byTest('expiry').textContent()).toMatch(/^链接有效至 2026年11月24日 17:30（还剩 60 分钟）/);
    const nickname = byTest('field-nickname');
    expect(await nickname.locator('label').first().textContent()).toBe('昵称');
    expect(await byTest('input-nickname').inputValue()).toBe('Alice');
    expect(await byTest('meta-nickname').textContent()).toBe('来自wx 平台 acme 公众号的后台，2026年11月24日 16:30');
    expect(await byTest('note-nickname').textContent()).toContain('删不掉');
    expect(await byTest('audience-nickname').inputValue()).toBe('circles');
    expect(await byTest('audience-nickname').locator('option:checked').textContent()).toBe('圈友');
    expect(await byTest('audience-email').locator('option').allTextContents()).toEqual(['仅自己', '联系人', '圈友', '所有人']);
    expect(await byTest('input-phone').textContent()).toBe('未设置');
    expect(await byTest('note-phone').textContent()).toContain('绑定 <手机号>');
    expect(await page.locator('input[name="phone"], textarea[name="phone"]').count()).toBe(0);
  });

  it('fits the phone: no sideways scrolling, tap targets at least 40 px, text at least 14 px', async () => {
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
    const controls = page.locator('input:visible, select:visible, textarea:visible, button:visible');
    expect(await controls.count()).toBeGreaterThan(25);
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      expect([await control.getAttribute('data-testid'), box!.height >= 40, box!.x >= 0, box!.x + box!.width <= 390]).toEqual([await control.getAttribute('data-testid'), true, true, true]);
    }
    // A string: evaluated in the page, where the DOM is (these tests are compiled without its types).
    const smallest = await page.evaluate<number>("Math.min(...Array.from(document.querySelectorAll('label, p, output, input, select, button'), (node) => parseFloat(getComputedStyle(node).fontSize)))");
    expect(smallest).toBeGreaterThanOrEqual(14);
  });

  it('switches to English, and keeps to it when the page is opened again', async () => {
    await byTest('lang-toggle').click();
    await expectAttribute(page.locator('html'), 'lang', 'en');
    await page.reload();
    await expectAttribute(page.locator('body'), 'data-state', 'ready');
    await expectAttribute(page.locator('html'), 'lang', 'en');
    expect(await byTest('field-nickname').locator('label').first().textContent()).toBe('nickname');
    expect(await byTest('meta-nickname').textContent()).toBe('from the console of account acme (wx), 24 Nov 2026, 16:30');
    expect(await byTest('expiry').textContent()).toMatch(/^This link works until 24 Nov 2026, 17:30 \(60 minutes left\)/);
    expect(await byTest('audience-email').locator('option').allTextContents()).toEqual(['nobody', 'contacts', 'circles', 'everyone']);
    expect(await byTest('lang-toggle').textContent()).toBe('中文');
    expect(await byTest('save-button').textContent()).toBe('Save changes');
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
  });

  it('saves an edited email, shows the result by the field, and keeps a refused website as typed', async () => {
    alice.clock.now += MINUTE;
    await byTest('input-email').fill('alice@example.com');
    await byTest('input-website').fill('not a site');
    await byTest('save-button').click();
    await expectAttribute(byTest('result-email'), 'data-outcome', 'added');
    expect(await byTest('result-email').textContent()).toBe('added');
    expect(await byTest('result-website').textContent()).toBe('not a web address, e.g. https://example.com');
    expect(await byTest('input-website').inputValue()).toBe('not a site');
    expect(await byTest('meta-email').textContent()).toBe('from your web page, 24 Nov 2026, 16:31');
    expect(await byTest('save-status').textContent()).toMatch(/not saved/);
    expect(await stored('email')).toMatchObject({ value: 'alice@example.com', source: { kind: 'web' } });
    expect(await stored('website')).toBeUndefined();
    expect(await alice.say('profile')).toContain('email: alice@example.com\n  from your web page, 2026-11-24 08:31 UTC; seen by: nobody');
  });

  it("changes the email's audience at once", async () => {
    await byTest('input-website').fill('');
    await byTest('audience-email').selectOption('contacts');
    await expectAttribute(byTest('result-email'), 'data-outcome', 'shared');
    expect(await byTest('result-email').textContent()).toBe('seen by: contacts');
    expect(await byTest('audience-email').inputValue()).toBe('contacts');
    expect(await alice.say('privacy')).toContain('email: contacts');
    await byTest('lang-toggle').click();
    await expectAttribute(page.locator('html'), 'lang', 'zh-CN');
    expect(await byTest('result-email').textContent()).toBe('可见范围：联系人');
  });

  it('sets who sees every field at once', async () => {
    await byTest('share-all').selectOption('circles');
    await expectText(byTest('share-all-result'), '可见范围：圈友');
    for (const select of await page.locator('[data-testid^="audience-"]').all()) expect(await select.inputValue()).toBe('circles');
    expect(await byTest('share-all').inputValue()).toBe('');
    const privacy = await alice.say('privacy');
    for (const field of ['name', 'email', 'about']) expect(privacy).toContain(`${field}: circles`);
  });

  it('uploads a vCard: what was taken, the phones not imported, and the stored profile has it', async () => {
    alice.clock.now += MINUTE;
    // Unsaved typing: kept where the upload leaves the field alone, given up where it stored a new value.
    await byTest('input-signature').fill('周末爬山');
    await byTest('input-email').fill('typed@example.com');
    await byTest('vcard-file').setInputFiles(path.join(FIXTURES, 'iphone-3.0.vcf'));
    await byTest('vcard-upload').click();
    await expectText(byTest('vcard-notices'), '3 个电话号码没有导入');
    expect(await byTest('vcard-taken').locator('li').allTextContents()).toEqual(expect.arrayContaining(['姓名：张伟（已添加）', '邮箱：zhangwei@example.com（已更新）']));
    expect(await byTest('vcard-notices').textContent()).toContain('照片没有导入');
    expect(await byTest('input-name').inputValue()).toBe('张伟');
    expect(await byTest('input-email').inputValue()).toBe('zhangwei@example.com');
    expect(await byTest('input-signature').inputValue()).toBe('周末爬山');
    expect(await byTest('meta-name').textContent()).toMatch(/^来自上传的名片文件，/);
    expect(await byTest('result-name').textContent()).toBe('已添加');
    expect(await stored('name')).toMatchObject({ value: '张伟', source: { kind: 'vcard' } });
    expect(await stored('email')).toMatchObject({ value: 'zhangwei@example.com', history: [{ value: 'alice@example.com' }] });
    expect(await stored('phone')).toBeUndefined();
    expect(await alice.say('资料')).toContain('邮箱：zhangwei@example.com\n  来自上传的名片文件');
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
  });

  it('shows HTML from a vCard as text, and refuses a file that is not a vCard by the button', async () => {
    alice.clock.now += MINUTE;
    await byTest('vcard-file').setInputFiles(path.join(FIXTURES, 'html.vcf'));
    await byTest('vcard-upload').click();
    await expectText(byTest('vcard-taken'), '<script>alert(1)</script>');
    expect(await byTest('input-name').inputValue()).toBe('<script>alert(1)</script>');
    expect(await page.locator('#fields script, #vcard-report script, #vcard-report img').count()).toBe(0);
    await byTest('vcard-file').setInputFiles(path.join(FIXTURES, 'no-begin.vcf'));
    await byTest('vcard-upload').click();
    await expectText(byTest('vcard-refusal'), '这不是名片文件');
    expect(await page.evaluate(() => typeof (globalThis as { alert?: unknown }).alert)).toBe('function');
  });

  it('tells the person when the hour is up, and a reload shows the expired page', async () => {
    alice.clock.now += 60 * MINUTE;
    await byTest('audience-name').selectOption('everyone');
    await byTest('page-error').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await byTest('page-error').textContent()).toContain('重新发送“主页”');
    expect(await byTest('save-button').isDisabled()).toBe(true);
    await byTest('lang-toggle').click(); // the page is drawn again: still nothing to edit
    expect(await byTest('page-error').textContent()).toContain('Send "page"');
    expect(await byTest('input-email').isDisabled()).toBe(true);
    expect(await byTest('audience-email').isDisabled()).toBe(true);
    const reload = await page.reload();
    expect(reload?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('链接已过期');
  });
});
