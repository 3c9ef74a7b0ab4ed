import type { Command } from '../bot/command';
import type { BotContext } from '../bot/context';
import { wordsOf } from '../bot/push-text';
import { platformOf } from '../config/account';
import { UserError } from '../errors';
import { pick, type Bilingual } from '../i18n';
import type { Person } from './person.model';
import { FIELD_NAMES, PROFILE_FIELDS, parseField, type ProfileField } from './profile-fields';
import { privacyText, profileText, shareText, sourceText, whenText } from './profile-text';
import { FIELD_NAMES as SHAREABLE_NAMES } from './shareable-fields';

const NOT_YET: Bilingual = {
  zh: '我还没认出你，所以还找不到你的资料：再发一条消息（随便什么文字），我会再试一次。',
  en: 'I have not recognised you yet, so I cannot find your profile: send one more message (any text) and I will try again.',
};
const NO_CONSOLE: Bilingual = {
  zh: '这个公众号没有连上管理后台，所以我认不出你，也就没有你的资料。',
  en: 'This account is not connected to its admin console, so I cannot tell who you are or keep a profile for you.',
};
const FIELDS_HINT: Bilingual = {
  zh: `可用字段：${PROFILE_FIELDS.map((f) => FIELD_NAMES[f].zh).join('、')}。`,
  en: `Fields: ${PROFILE_FIELDS.join(', ')}.`,
};

/** The sender's person; a refusal saying what to do while they are not identified yet. */
export async function personOf(ctx: BotContext): Promise<Person> {
  const person = await ctx.person();
  if (!person) throw new UserError(ctx.services.identity.canResolve(ctx.account.id) ? NOT_YET : NO_CONSOLE);
  return person;
}

/** The field typed after `set`/`clear`, or a refusal listing the fields. */
function fieldOf(typed: string | undefined, usage: Bilingual): ProfileField {
  const field = typed === undefined ? null : parseField(typed);
  if (field) return field;
  const what = typed === undefined
    ? { zh: `请写上字段，例如：${usage.zh}`, en: `Say which field, e.g. ${usage.en}` }
    : { zh: `没有“${[...typed].slice(0, 20).join('')}”这个字段。`, en: `There is no field "${[...typed].slice(0, 20).join('')}".` };
  throw new UserError({ zh: `${what.zh}${FIELDS_HINT.zh}`, en: `${what.en} ${FIELDS_HINT.en}` });
}

/** `set <field> <value>`, `set <field>:<value>`: the field, and what follows the first space or colon. */
const SET_ARGS = /^([^\s:]+)(?:\s*:\s*|\s+)([\s\S]*)$/u;

/**
 * The value as the follower typed it: the end of the raw message whose folded form is the folded
 * value, so full-width punctuation inside a value (`，`) stays as written while the separators
 * before it may be full-width. The folded value when the raw text cannot be lined up with it.
 */
function typedValue(ctx: BotContext, folded: string): string {
  const raw = (wordsOf(ctx.push) ?? '').trim();
  if (folded.length > 1000) return folded;
  for (let start = raw.length - 1; start >= 0; start -= 1) {
    const tail = raw.slice(start);
    if (tail.normalize('NFKC').trim() === folded) return tail.trim();
  }
  return folded;
}

const SET_USAGE: Bilingual = { zh: '设置 邮箱 li@example.com', en: 'set email li@example.com' };

export const profileCommand: Command = {
  key: 'profile',
  aliases: { zh: ['资料'], en: ['profile'] },
  summary: { zh: '你的资料：每一项的值、来源、时间和谁能看到；你的编号和认识你的公众号', en: 'your profile: each field, where it came from, when, and who may see it; your person code and the accounts you are known through' },
  usage: { zh: '资料', en: 'profile' },
  needsIdentity: true,
  async run(ctx, { lang }) {
    const person = await personOf(ctx);
    // Three reads side by side: the items, who may see them, and the accounts the person is known through.
    const [profile, settings, identities] = await Promise.all([
      ctx.services.profiles.profileOf(person.personId),
      ctx.services.visibility.settingsOf(person.personId),
      ctx.services.persons.identitiesOf(person.personId),
    ]);
    return profileText(person.code, profile, settings, lang, identities);
  },
};

export const setCommand: Command = {
  key: 'set',
  aliases: { zh: ['设置'], en: ['set'] },
  summary: { zh: '在聊天里设置资料的一项', en: 'set a field of your profile from chat' },
  usage: { zh: '设置 <字段> <值>', en: 'set <field> <value>' },
  needsIdentity: true,
  async run(ctx, { lang, rest }) {
    const parsed = SET_ARGS.exec(rest);
    const field = fieldOf(parsed?.[1] ?? (rest || undefined), SET_USAGE);
    const folded = parsed?.[2]?.trim() ?? '';
    if (folded === '') {
      throw new UserError({ zh: `请写上${FIELD_NAMES[field].zh}的值，例如：设置 ${FIELD_NAMES[field].zh} <值>`, en: `Say the ${field} too, e.g. set ${field} <value>` });
    }
    const person = await personOf(ctx);
    const packet = { platform: platformOf(ctx.account), accountId: ctx.account.id, field, value: typedValue(ctx, folded), at: ctx.services.now() };
    const report = await ctx.services.profiles.mergePacket(person.personId, 'chat', packet);
    const refusal = report.refused[0];
    if (refusal) {
      const name = pick(FIELD_NAMES[field], lang);
      // The phone's refusal already names what to do instead (`bind`).
      if (field === 'phone') return lang === 'zh' ? `没有设置：${refusal.reason.zh}。` : `Not set: ${refusal.reason.en}.`;
      return lang === 'zh'
        ? `没有设置：${refusal.reason.zh}。请改好后再发“设置 ${name} <值>”。`
        : `Not set: ${refusal.reason.en}. Fix it and send "set ${name} <value>" again.`;
    }
    const item = (await ctx.services.profiles.profileOf(person.personId))?.items.find((candidate) => candidate.field === field);
    if (!item) throw new Error('a merged field is missing from the profile');
    const kept = report.steps[0]?.outcome === 'kept';
    const name = pick(FIELD_NAMES[field], lang);
    const from = `${sourceText(item.source, lang)}${lang === 'zh' ? '，' : ', '}${whenText(item.sourceUpdatedAt)}`;
    if (kept) {
      return lang === 'zh'
        ? `${name}保留了更新的值：${item.value}（来自${from}）。`
        : `The ${name} keeps its newer value: ${item.value} (from ${from}).`;
    }
    return lang === 'zh' ? `${name}现在是：${item.value}（来自${from}）。` : `Your ${name} is now: ${item.value} (from ${from}).`;
  },
};

export const clearCommand: Command = {
  key: 'clear',
  aliases: { zh: ['清除'], en: ['clear'] },
  summary: { zh: '删除你设置的一项资料', en: 'remove a field you set' },
  usage: { zh: '清除 <字段>', en: 'clear <field>' },
  needsIdentity: true,
  async run(ctx, { lang, args }) {
    const field = fieldOf(args[0], { zh: '清除 邮箱', en: 'clear email' });
    const name = pick(FIELD_NAMES[field], lang);
    if (field === 'phone') throw new UserError({ zh: '手机号不能在这里删除（短信绑定和“解绑”即将推出）。', en: 'A phone number cannot be removed here (SMS binding and `unbind` are coming soon).' });
    const person = await personOf(ctx);
    const outcome = await ctx.services.profiles.clear(person.personId, field);
    if (outcome.outcome === 'absent') {
      return lang === 'zh' ? `${name}本来就没有设置。发送“资料”查看你的资料。` : `Your ${name} was not set. Send "profile" to see your profile.`;
    }
    if (outcome.outcome === 'console') {
      const from = sourceText(outcome.item.source, lang);
      return lang === 'zh'
        ? `${name}来自${from}，这里删不掉：请在那里修改；不想让别人看到，可以发“公开 ${name} 仅自己”。`
        : `Your ${name} comes from ${from}, so it cannot be cleared here: change it there, or hide it with "share ${field} nobody".`;
    }
    return lang === 'zh' ? `已删除${name}（原来是：${outcome.removed.value}）。` : `Cleared your ${name} (it was: ${outcome.removed.value}).`;
  },
};

const SHARE_USAGE: Bilingual = { zh: '公开 <字段|全部> <仅自己|联系人|圈友|所有人|圈:圈号>', en: 'share <field|all> <nobody|contacts|circles|everyone|circle:code>' };

export const shareCommand: Command = {
  key: 'share',
  aliases: { zh: ['公开'], en: ['share'] },
  summary: { zh: '设置谁能看到一项资料', en: 'choose who may see a field' },
  usage: SHARE_USAGE,
  needsIdentity: true,
  async run(ctx, { lang, args }) {
    if (args.length < 2) {
      throw new UserError({ zh: `请写上字段和范围，例如：公开 邮箱 联系人。用法：${SHARE_USAGE.zh}`, en: `Say the field and the audience, e.g. share email contacts. Usage: ${SHARE_USAGE.en}` });
    }
    const person = await personOf(ctx);
    const outcome = await ctx.services.visibility.share(person.personId, args[0]!, args.slice(1).join(''));
    const lines = outcome.fields.map((field) => `${pick(SHAREABLE_NAMES[field], lang)}${lang === 'zh' ? '：' : ': '}${shareText(outcome.settings[field], lang)}`);
    const head = lang === 'zh' ? '现在能看到的人：' : 'Now seen by:';
    return [head, ...lines].join('\n');
  },
};

export const privacyCommand: Command = {
  key: 'privacy',
  aliases: { zh: ['隐私'], en: ['privacy'] },
  summary: { zh: '你的全部隐私设置', en: 'every privacy setting you have, in one reply' },
  usage: { zh: '隐私', en: 'privacy' },
  needsIdentity: true,
  async run(ctx, { lang }) {
    const person = await personOf(ctx);
    return privacyText(await ctx.services.visibility.settingsOf(person.personId), lang);
  },
};

/** The profile commands, in the order `help` lists them. */
export const profileCommands: readonly Command[] = [profileCommand, setCommand, clearCommand, shareCommand, privacyCommand];
