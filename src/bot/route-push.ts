import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import { say } from '../i18n';
import type { BotContext } from './context';
import { MEDIA_HINT, WELCOME } from './messages';
import { wordsOf } from './push-text';
import { runCommand } from './run-command';

type Handler = (ctx: BotContext) => Promise<Reply | null>;
type MessageType = Extract<Push, { kind: 'message' }>['msgType'];
type EventType = Extract<Push, { kind: 'event' }>['event'];

const text = (content: string): Reply => ({ type: 'text', content });
const silent: Handler = async () => null;

const welcome: Handler = async (ctx) => text(say(WELCOME, ctx.lang));
const mediaHint: Handler = async (ctx) => text(say(MEDIA_HINT, ctx.lang));

/** A text, or a voice message the platform recognised, is a command; a voice without words gets the hint. */
const onWords: Handler = (ctx) => {
  const words = wordsOf(ctx.push);
  return words === null ? mediaHint(ctx) : runCommand(ctx, words);
};

/** A menu click is a command named by its EventKey (menus are configured with command names). */
const onClick: Handler = (ctx) =>
  ctx.push.kind === 'event' && ctx.push.event === 'click' ? runCommand(ctx, ctx.push.eventKey, true) : silent(ctx);

// One table per push kind instead of an if/else tower; a missing entry falls back to the hint.
const MESSAGE_HANDLERS: Record<MessageType, Handler> = {
  text: onWords,
  image: mediaHint,
  voice: onWords,
  video: mediaHint,
  shortvideo: mediaHint,
  location: mediaHint,
  link: mediaHint,
  unknown: mediaHint,
};

const EVENT_HANDLERS: Record<EventType, Handler> = {
  subscribe: welcome,
  scan: welcome,
  unsubscribe: silent, // no reply reaches someone who just left
  location: silent, // sent on every chat opening: answering would spam
  click: onClick,
  view: silent, // the follower is already on the page
  unknown: silent,
};

/** Routes one push to its handler. */
export function routePush(ctx: BotContext): Promise<Reply | null> {
  const handler = ctx.push.kind === 'message' ? MESSAGE_HANDLERS[ctx.push.msgType] : EVENT_HANDLERS[ctx.push.event];
  return handler(ctx);
}
