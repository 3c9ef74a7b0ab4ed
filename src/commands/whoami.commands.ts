import type { Command } from '../bot/command';
import { pick } from '../i18n';

const TEXT = {
  zh: (account: string, openId: string) =>
    `你在公众号 ${account} 的 openID：${openId}\nFakeID 与资料：尚未识别（身份识别功能上线后自动补全）。`,
  en: (account: string, openId: string) =>
    `Your openID for account ${account}: ${openId}\nFakeID and profile: not known yet (identity resolution will fill them in).`,
};

/** What the bot knows of the sender. */
export const whoamiCommand: Command = {
  key: 'whoami',
  aliases: { zh: ['我是谁'], en: ['whoami', 'who am i'] },
  summary: { zh: '查看我对你的了解', en: 'what the bot knows about you' },
  usage: { zh: '我是谁', en: 'whoami' },
  async run(ctx, { lang }) {
    const identity = await ctx.identity();
    return pick(TEXT, lang)(ctx.account.id, identity.openId);
  },
};
