import type { Bilingual } from '../i18n';

/** Texts the router itself sends; commands keep their own texts beside their code. */
export const WELCOME: Bilingual = {
  zh: '欢迎关注！我是联络助手：帮你认识同一场活动、同一个房间里的人。发送“帮助”查看全部命令。',
  en: 'Welcome! I am Lianluo: I help you meet the people at the same event or in the same room. Send "help" for every command.',
};

export const FALLBACK_HINT: Bilingual = {
  zh: '没有听懂。发送“帮助”查看全部命令。',
  en: 'I did not understand that. Send "help" to see every command.',
};

export const MEDIA_HINT: Bilingual = {
  zh: '收到了。目前我只听得懂文字命令，发送“帮助”查看全部命令。',
  en: 'Got it. For now I only understand text commands: send "help" to see them all.',
};
