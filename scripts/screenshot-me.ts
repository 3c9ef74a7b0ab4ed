/**
 * `npx tsx scripts/screenshot-me.ts [out.png]` (default docs/me-page.png): starts the demo
 * (sandbox + bot, in-memory stores, any free ports), has 李雷 (who follows the demo accounts from the
 * start) set a name, an email and a company and share the email with contacts in chat,
 * then send 主页; opens the link that comes back in real Chromium on a 390×844 phone screen
 * (device scale 2) and saves the top of the own page.
 *
 * Needs Debian's `chromium` (`apt-get install chromium`) or CHROMIUM_PATH, and a CJK font
 * (`fonts-noto-cjk`) for the Chinese text.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { SandboxControl } from '../sandbox/control-client';
import { startDemo } from '../src/demo/start-demo';
import { openStores } from '../src/stores/open-stores';
import { launchChromium } from '../test/builders/chromium';


/**
 * Sends `text` as the person and waits for an account message after it that contains `expected`
 * (a passive reply, or an active one once the bot has identified the sender); returns it.
 */
async function say(control: SandboxControl, fakeId: string, text: string, expected: string): Promise<string> {
  const before = (await control.conversation(fakeId, 'demo')).lastSeq;
  await control.send({ account: 'demo', fakeId, type: 'text', content: text });
  const until = Date.now() + 20_000;
  for (;;) {
    const { entries } = await control.conversation(fakeId, 'demo', before);
    const answer = entries.find((entry) => entry.from === 'account' && entry.content.includes(expected));
    if (answer) return answer.content;
    if (Date.now() > until) throw new Error(`no answer to ${JSON.stringify(text)} containing ${JSON.stringify(expected)}: ${JSON.stringify(entries.map((e) => e.content))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join('docs', 'me-page.png'));
  const logger = pino({ level: 'warn' });
  const stores = await openStores({ dataDir: '' }, logger, { inMemoryDocuments: true });
  const demo = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores, logger, sandboxPort: 0 });
  const browser = await launchChromium();
  try {
    const control = new SandboxControl(demo.sandboxUrl);
    const lilei = (await control.people()).find((person) => person.nickName === '李雷');
    if (!lilei) throw new Error('the demo has no 李雷');
    // 李雷 follows both demo accounts from the start (src/demo/demo-people.ts).
    await say(control, lilei.fakeId, '我是谁', '李雷');
    await say(control, lilei.fakeId, '设置 姓名 李雷', '姓名');
    await say(control, lilei.fakeId, '设置 邮箱 lilei@example.com', '邮箱');
    await say(control, lilei.fakeId, '设置 公司 联络科技', '公司');
    await say(control, lilei.fakeId, '公开 邮箱 联系人', '联系人');
    const reply = await say(control, lilei.fakeId, '主页', '/me/');
    const url = /https?:\/\/\S+\/me\/[A-Za-z0-9_-]+/.exec(reply)?.[0];
    if (!url) throw new Error(`no page link in: ${reply}`);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('body[data-state="ready"]').waitFor();
    mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    process.stdout.write(`saved ${out}\n`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot-me: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
