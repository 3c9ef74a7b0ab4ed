import type { Bilingual } from '../i18n';

// Texts the router itself sends; commands keep their own texts beside their code.

/** The answer to a follow or a scan: only what the bot does today, one line each, so a new feature adds its line. */
export const WELCOME: Bilingual = {
  zh: ['欢迎关注联络助手！现在你可以发送：', '• “我是谁”：看看我知道你的哪些资料', '• “帮助”：查看全部命令'].join('\n'),
  en: ['Welcome to Lianluo! For now you can send:', '• "whoami": see what I know about you', '• "help": list every command'].join('\n'),
};

export const FALLBACK_HINT: Bilingual = {
  zh: '没有听懂。发送“帮助”查看全部命令。',
  en: 'I did not understand that. Send "help" to see every command.',
};

export const MEDIA_HINT: Bilingual = {
  zh: '收到了。目前我只听得懂文字命令，发送“帮助”查看全部命令。',
  en: 'Got it. For now I only understand text commands: send "help" to see them all.',
};
