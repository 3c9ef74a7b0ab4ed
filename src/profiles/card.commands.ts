import type { Command } from '../bot/command';
import type { BotContext } from '../bot/context';
import { UserError } from '../errors';
import type { Lang } from '../i18n';
import { cardText } from './card-text';
import { LINK_LIFETIMES_S, type LinkKind } from './link-tokens';
import { parsePersonCode } from './person-code';
import type { Person } from './person.model';
import { personOf } from './profile.commands';
import type { IssuedLink } from './profile-links';
import { whenText } from './profile-text';

/** Typed text echoed in a refusal, cut so a pasted essay does not come back whole. */
const echo = (typed: string) => (Array.from(typed).length > 20 ? `${Array.from(typed).slice(0, 20).join('')}…` : typed);

/** How long a link lasts and until when, in words. */
function validity(link: IssuedLink, kind: LinkKind, lang: Lang): string {
  const hours = LINK_LIFETIMES_S[kind] / 3600;
  const until = whenText(link.expiresAt);
  return lang === 'zh' ? `${hours} 小时内有效，至 ${until}` : `valid ${hours} ${hours === 1 ? 'hour' : 'hours'}, until ${until}`;
}

function vcardLine(link: IssuedLink, lang: Lang): string {
  return lang === 'zh' ? `vCard 名片文件（${validity(link, 'card', lang)}）：${link.url}` : `vCard (${validity(link, 'card', lang)}): ${link.url}`;
}

const fields = (count: number, lang: Lang) => (lang === 'zh' ? `${count} 项` : `${count} ${count === 1 ? 'field' : 'fields'}`);

/**
 * `<who>` of `card <who>`: a person code (any case, spaces and full-width letters allowed). A
 * number (from a contacts or circle member list) and a contact's name come with the contacts
 * issue: until then each gets a refusal saying to use the code.
 * @throws UserError for a number, a name, or a code nobody has.
 */
async function personNamed(ctx: BotContext, typed: string): Promise<Person> {
  const code = parsePersonCode(typed);
  // A code may be all digits (2-9): only a number that is no code is a list number.
  if (code === null && /^\d+$/.test(typed)) {
    throw new UserError({
      zh: `编号 ${echo(typed)} 要从你最近的联系人或圈子成员名单里选，可你还没有这样的名单（联系人功能即将推出）。请改用对方的 7 位个人编号，例如：名片 K7P2QXM（对方发送“名片”就能看到自己的编号）。`,
      en: `A number picks someone from your last contacts or circle member list, and you have no such list yet (contacts are coming). Use the person's 7-character code instead, e.g. card K7P2QXM (they see theirs by sending "card").`,
    });
  }
  if (code === null) {
    throw new UserError({
      zh: `“${echo(typed)}”不是个人编号。联系人的名字要等有了联系人才能用；现在请用对方的 7 位个人编号，例如：名片 K7P2QXM。`,
      en: `"${echo(typed)}" is not a person code. Contacts' names will work once you have contacts; for now use the person's 7-character code, e.g. card K7P2QXM.`,
    });
  }
  const person = await ctx.services.persons.findByCode(code);
  if (!person) {
    throw new UserError({
      zh: `没有人的个人编号是 ${code}。请核对：编号是 7 位，由数字 2-9 和字母组成（没有 I 和 O）；对方发送“名片”就能看到自己的编号。`,
      en: `Nobody has the person code ${code}. Check it: 7 characters, digits 2-9 and letters without I or O; the person sees theirs by sending "card".`,
    });
  }
  return person;
}

/** `card` alone: the sender's card as people in their circles see it, how much more contacts and anyone see, and its vCard link. */
async function ownCard(ctx: BotContext, person: Person, lang: Lang): Promise<string> {
  const [view, link] = await Promise.all([ctx.services.cards.ownCard(person), ctx.services.links.ownCardLink(person.personId)]);
  const more = lang === 'zh'
    ? `你的联系人还能多看到 ${fields(view.contactsSeeMore, lang)}；任何人都能看到 ${fields(view.anyoneSees, lang)}。`
    : `Your contacts see ${view.contactsSeeMore === 0 ? 'no' : view.contactsSeeMore} more ${view.contactsSeeMore === 1 ? 'field' : 'fields'}; anyone who asks sees ${fields(view.anyoneSees, lang)}.`;
  const how = lang === 'zh' ? '谁能看到什么：隐私；修改：公开 <字段> <范围>' : 'Who sees what: privacy; to change it: share <field> <audience>';
  return cardText(view.card, lang, { own: true, footer: [more, vcardLine(link, lang), how] });
}

export const cardCommand: Command = {
  key: 'card',
  aliases: { zh: ['名片'], en: ['card'] },
  summary: {
    zh: '你的名片（圈友看到的样子），或别人的名片（只有对方让你看的资料），都附 vCard 链接',
    en: "your card as people in your circles see it, or another person's card (only what they let you see), each with a vCard link",
  },
  usage: { zh: '名片 [个人编号]', en: 'card [person code]' },
  needsIdentity: true,
  async run(ctx, { lang, rest }) {
    const person = await personOf(ctx);
    const typed = rest.trim();
    if (typed === '') return ownCard(ctx, person, lang);
    const target = await personNamed(ctx, typed);
    if (target.personId === person.personId) return ownCard(ctx, person, lang);
    const card = await ctx.services.cards.cardFor(person.personId, target);
    if (card.entries.length === 0) {
      throw new UserError({
        zh: `${target.code} 没有向你公开任何资料，所以没有名片可看。只有对方可以用“公开”改变这一点；你可以请对方发送“公开 昵称 所有人”。`,
        en: `${target.code} shares nothing with you, so there is no card to show. Only they can change that, with "share"; you could ask them to send "share nickname everyone".`,
      });
    }
    const link = await ctx.services.links.cardLink(person.personId, target.personId);
    return cardText(card, lang, { footer: [vcardLine(link, lang)] });
  },
};

export const exportCommand: Command = {
  key: 'export',
  aliases: { zh: ['导出'], en: ['export'] },
  summary: { zh: '一个链接：这里保存的关于你的全部资料（JSON 文件）', en: 'a link to everything held about you, as JSON' },
  usage: { zh: '导出', en: 'export' },
  needsIdentity: true,
  async run(ctx, { lang }) {
    const person = await personOf(ctx);
    const link = await ctx.services.links.exportLink(person.personId);
    return lang === 'zh'
      ? `这里保存的关于你的全部资料：个人编号、各平台和公众号上的身份、每一项资料及其来源、时间和历史、公开设置，一个 JSON 文件。链接${validity(link, 'export', lang)}；谁拿到都能打开，请不要转发。\n${link.url}`
      : `Everything held about you: your person code, your identities on each platform and account, every field with its source, times and history, and your sharing settings, as one JSON file. The link is ${validity(link, 'export', lang)}; anyone who has it can open it, so do not forward it.\n${link.url}`;
  },
};

export const pageCommand: Command = {
  key: 'page',
  aliases: { zh: ['主页'], en: ['page'] },
  summary: { zh: '你自己的主页链接：修改资料、公开设置，上传 vCard', en: 'a link to your own page: edit your profile and sharing, upload a vCard' },
  usage: { zh: '主页', en: 'page' },
  needsIdentity: true,
  async run(ctx, { lang }) {
    const person = await personOf(ctx);
    const link = await ctx.services.links.pageLink(person.personId);
    return lang === 'zh'
      ? `你的主页：修改资料和公开设置，上传 vCard。链接${validity(link, 'me', lang)}，拿到它的人可以修改你的资料，请不要转发；过期后再发送“主页”获取新链接。\n${link.url}`
      : `Your own page: edit your profile and sharing, upload a vCard. The link is ${validity(link, 'me', lang)} and lets whoever holds it change your profile, so do not forward it; send "page" again for a new one.\n${link.url}`;
  },
};

/** The card and link commands, in the order `help` lists them. */
export const cardCommands: readonly Command[] = [cardCommand, exportCommand, pageCommand];
