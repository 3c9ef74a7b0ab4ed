/**
 * How the console renders (docs/protocol.md §3.2–3.6): HTML pages with one inline script
 * `wx.cgiData = { ... };`, one property per line; message items; content as the real console
 * showed it.
 */
import type { Account, ConsoleMessage, Person } from './platform-model';

/** One line of `wx.cgiData`: the property name and its JavaScript source, e.g. `'25' * 1`. */
export type CgiLine = [name: string, source: string];

/**
 * JSON made safe inside an inline `<script>`: `</` becomes `<\/` and `<!--` becomes
 * `\u003c!--` (so no text can close the script), and the JS line separators are escaped.
 * JSON.parse reads every one back to the same characters; `<br/>` in content stays as it is.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<\//g, '<\\/')
    .replace(/<!--/g, '\\u003c!--')
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** A console page whose data is `wx.cgiData`, one `name : source,` per line. */
export function cgiPage(title: string, lines: CgiLine[]): string {
  const body = lines.map(([name, source]) => `        ${name} : ${source},`).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(title) + ' - 公众平台</title></head>',
    '<body><div id="main" class="container"></div>',
    '<script type="text/javascript">',
    '    wx.cgiData = {',
    body,
    '    };',
    '</script>',
    '</body></html>',
  ].join('\n');
}

/** The page an expired session gets instead of data (3.2). */
export function expiredPage(): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>公众平台</title></head>',
    '<body><div class="page_timeout"><h2>登录超时，请重新登录</h2>',
    '<a href="/">重新登录</a></div></body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/**
 * Text as the console shows it when `rewriteContent` is on: `&`, `<`, `>` as entities,
 * newlines as `<br/>`, and each space that follows a space or starts a line as `&nbsp;`
 * (a single space between words stays a space).
 */
export function rewriteContent(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
    .replace(/(^|\n)( +)/g, (_match, start: string, spaces: string) => start + '&nbsp;'.repeat(spaces.length))
    .replace(/ {2,}/g, (spaces) => ` ${'&nbsp;'.repeat(spaces.length - 1)}`)
    .replace(/\n/g, '<br/>');
}

/** A message item of 3.5 and 3.6. `fakeid` is a string here, unlike the follower list. */
export interface MessageItem {
  id: number;
  type: number;
  fakeid: string;
  nick_name: string;
  date_time: number;
  content: string;
  has_reply: 0 | 1;
  msg_status: number;
  source: string;
  refuse_reason: string;
}

/** Renders one console message; the account's own messages carry the account's FakeID. */
export function messageItem(message: ConsoleMessage, person: Person, account: Account, rewrite: boolean, hasReply: boolean): MessageItem {
  const own = message.direction === 'out';
  return {
    id: message.id,
    type: message.type,
    fakeid: own ? account.fakeId : person.fakeId,
    nick_name: own ? account.username : person.nickName,
    date_time: message.dateTime,
    content: rewrite && message.type === 1 ? rewriteContent(message.content) : message.content,
    has_reply: hasReply ? 1 : 0,
    msg_status: 4,
    source: '',
    refuse_reason: '',
  };
}
