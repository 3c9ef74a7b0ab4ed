/**
 * `npx tsx scripts/screenshot-chat.ts [out.png]` (default docs/chat-page.png): starts the demo
 * (its two sandboxes + bot, in-memory stores, any free ports), drives a short conversation on the
 * sandbox's chat page in real Chromium (李雷, who follows from the start: help, whoami, a
 * location, an English line) and saves a 1200x800 screenshot of the chat beside the console panel.
 *
 * Needs Debian's `chromium` (`apt-get install chromium`) or CHROMIUM_PATH, and a CJK font
 * (`fonts-noto-cjk`) for the Chinese text.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { startDemo } from '../src/demo/start-demo';
import { openStores } from '../src/stores/open-stores';
import { launchChromium } from '../test/builders/chromium';


async function replyContaining(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="message"][data-from="account"]', { hasText: text }).first().waitFor({ timeout: 20_000 });
}

async function send(page: Page, text: string, expected: string): Promise<void> {
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('message-input').press('Enter');
  await replyContaining(page, expected);
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join('docs', 'chat-page.png'));
  const logger = pino({ level: 'warn' });
  const stores = await openStores({ dataDir: '' }, logger, { inMemoryDocuments: true });
  const demo = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores, logger, sandboxPort: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' });
    await page.goto(demo.chatUrl);
    await page.getByTestId('live-status').and(page.locator('[data-live="yes"]')).waitFor();
    await page.getByTestId('person-select').selectOption({ label: '李雷' });
    // 李雷 follows the demo accounts from the start: his chat opens with the welcome.
    await page.getByTestId('follow-button').and(page.locator('[data-following="yes"]')).waitFor();
    await replyContaining(page, '');
    await send(page, '帮助', '');
    await send(page, 'whoami', '李雷');
    await page.getByTestId('location-button').click();
    await page.getByTestId('location-map').click({ position: { x: 260, y: 60 } });
    await page.getByTestId('location-send').click();
    await page.locator('[data-testid="message"][data-kind="location"]').waitFor();
    await page.getByTestId('message-input').fill('Hello from the sandbox, see you at 广州塔!');
    await page.getByTestId('message-input').press('Enter');
    await page.waitForTimeout(1500);
    await page.getByTestId('console-followers').getByText('李雷').waitFor();
    mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    process.stdout.write(`saved ${out}\n`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot-chat: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
