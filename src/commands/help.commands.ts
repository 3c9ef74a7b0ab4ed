import type { Command } from '../bot/command';
import { pick, type Lang } from '../i18n';
import type { CommandRegistry } from '../bot/command-registry';

const HEADER = { zh: '联络助手可用命令：', en: 'Lianluo commands:' };
const FOOTER = {
  zh: '发送“帮助 命令名”查看某个命令。中英文命令都可以用。',
  en: 'Send "help <command>" for one command. Chinese and English commands both work.',
};
const UNKNOWN = { zh: '没有这个命令：', en: 'No such command: ' };

// `help` is the most sent command; its text only changes when a command is registered.
const rendered = new WeakMap<CommandRegistry, Map<string, string>>();

/** Every command with its usage, in the follower's language. */
export function renderHelp(commands: CommandRegistry, lang: Lang): string {
  let cache = rendered.get(commands);
  if (!cache) rendered.set(commands, (cache = new Map<string, string>()));
  const key = `${lang}:${commands.list().length}`;
  let text = cache.get(key);
  if (text === undefined) {
    const lines = commands.list().map((c) => `• ${pick(c.usage, lang)} — ${pick(c.summary, lang)}`);
    text = [pick(HEADER, lang), ...lines, '', pick(FOOTER, lang)].join('\n');
    cache.set(key, text);
  }
  return text;
}

/** One command: its aliases in both languages, usage and summary. */
export function renderCommandHelp(command: Command, lang: Lang): string {
  const aliases = [...command.aliases.zh, ...command.aliases.en].join(' / ');
  return `${pick(command.usage, lang)}\n${pick(command.summary, lang)}\n(${aliases})`;
}

export const helpCommand: Command = {
  key: 'help',
  aliases: { zh: ['帮助', '菜单'], en: ['help', '?', 'menu'] },
  summary: { zh: '列出全部命令及用法', en: 'list every command and how to use it' },
  usage: { zh: '帮助 [命令]', en: 'help [command]' },
  async run(ctx, { lang, args }) {
    const { commands } = ctx.services;
    if (args.length === 0) return renderHelp(commands, lang);
    const command = commands.find(args.join(' '));
    if (!command) return `${pick(UNKNOWN, lang)}${args.join(' ')}\n\n${renderHelp(commands, lang)}`;
    return renderCommandHelp(command, lang);
  },
};
