/**
 * What `npm start` prints when the demo is up: the pages to open, the webhooks, and two things
 * to try (one person through two accounts; two platforms' persons joined by one phone), in
 * English and Chinese.
 */
import { DEMO_PHONE, DEMO_PLATFORMS } from './demo-people';
import type { RunningDemo } from './start-demo';

/** The parts of a running demo the banner names. */
export type BannerDemo = Pick<RunningDemo, 'accounts' | 'platforms'>;

/** `url` as a newcomer types it: localhost on the same port (the sandboxes listen on 127.0.0.1 by default). */
function local(url: string, path = '/'): string {
  return `http://localhost:${new URL(url).port}${path}`;
}

/** Columns a terminal gives `text`: CJK characters take two. */
function columns(text: string): number {
  return [...text].reduce((sum, char) => sum + (/[\u2e80-\uffff]/.test(char) ? 2 : 1), 0);
}

/** The accounts `nickName` follows on `platform` from the start ({@link DEMO_PLATFORMS}). */
function followed(nickName: string, platform: string): readonly string[] {
  return DEMO_PLATFORMS.find(({ name }) => name === platform)?.follows.find((follow) => follow.nickName === nickName)?.accounts ?? [];
}

/** A label and the spaces that line up what follows it. */
const label = (text: string) => `  ${text}${' '.repeat(Math.max(1, 23 - columns(text)))}`;

/**
 * The banner, lines joined with newlines; `bot` is the bot's public base URL (no trailing slash).
 * The accounts of each platform come from the running demo; who follows what from
 * {@link DEMO_PLATFORMS}.
 */
export function demoBanner(demo: BannerDemo, bot: string): string {
  const [first, second] = demo.platforms;
  if (!first || !second) throw new Error('the demo banner needs two platforms');
  const sms = local(first.sandbox.url, '/sms');
  const liLei = followed('李雷', first.name);
  const both = (ids: readonly string[], zh = false) => ids.join(zh ? ' 和 ' : ' and ');
  const hers = demo.platforms.map(({ name }) => ({ name, ids: followed('韩梅梅', name) }));
  const herAccounts = hers.flatMap(({ ids }) => ids);
  const where = (zh: boolean) => hers.map(({ name, ids }) => (zh ? `${name} 平台的 ${ids.join('、')}` : `${ids.join(', ')} on ${name}`)).join(zh ? '、' : ', ');
  return [
    '',
    'Lianluo demo is running (no ACCOUNTS_FILE: two sandbox platforms play the IM platforms).',
    '联络演示已启动：两个沙盒平台扮演即时通讯平台。',
    '',
    `${label('Chat page 聊天页面:')}${local(first.sandbox.url)}   ← open this, pick a person, follow, send "help"`,
    `${label('Chat page 2 聊天页面2:')}${local(second.sandbox.url)}   (platform ${second.name}: account ${second.accounts.join(', ')})`,
    `${label('SMS inbox 短信收件箱:')}${sms}   (codes the bot sends, for both platforms)`,
    `${label('Bot 机器人:')}${bot}/readyz  (metrics: ${bot}/metrics)`,
    ...demo.accounts.map((account, i) => {
      const platform = account.platform === first.name ? '' : `, platform ${account.platform}`;
      return `${label(i === 0 ? 'Webhook:' : `Webhook ${i + 1}:`)}${bot}/webhooks/${account.id}  (token "${account.token}"${platform})`;
    }),
    '',
    `  李雷 follows ${both(liLei)} (one platform, ${first.name}): as 李雷, send "profile" to either;`,
    `  both answers show one person code, known through ${both(liLei)}.`,
    `  李雷关注了 ${both(liLei, true)}（同一个平台）：以李雷的身份给任一个发“资料”，两次都是同一个编号，认识他的公众号是 ${both(liLei, true)}。`,
    '',
    `  韩梅梅 is on both platforms (${where(false)}): two persons until she binds one phone.`,
    `  As 韩梅梅 in each chat page, send "bind ${DEMO_PHONE}", read the code at ${sms}, send "verify <code>";`,
    `  then "profile" in either chat shows one person, known through ${both(herAccounts)}.`,
    `  韩梅梅在两个平台上（${where(true)}），绑定同一个手机号之前是两个人。以韩梅梅的身份在两个聊天页面各发`,
    `  “绑定 ${DEMO_PHONE}”，在 ${sms} 看验证码，再发“验证 <验证码>”；之后在任一页面发“资料”，都是同一个人。`,
    '',
    'Serve real accounts: npx lianluo accounts add <id> …, then ACCOUNTS_FILE=accounts.json npm start',
    '',
  ].join('\n');
}
