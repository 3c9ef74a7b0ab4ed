/**
 * One conversation (docs/protocol.md §3.6), an ajax JSON answer, into a `Conversation`.
 */
import { z } from 'zod';
import { checkShape } from './check-shape';
import { consoleMessageSchema } from './console-message-schema';
import type { Conversation } from './console-types';
import { readConsoleJson } from './read-console-json';

const STEP = 'conversation';

const conversationSchema = z.object({
  page_info: z.object({
    to_nick_name: z.string(),
    msg_items: z.object({ msg_item: z.array(consoleMessageSchema) }),
  }),
});

/**
 * Parses a conversation: messages both ways since the asked time; the account's own messages
 * carry the account's own FakeID.
 *
 * @throws SessionExpiredError when the answer says the session expired
 * @throws ConsoleChangedError when the answer is not JSON or lacks a field
 */
export function parseConversation(body: string): Conversation {
  const answer = checkShape(conversationSchema, readConsoleJson(body, STEP), STEP, 'answer');
  return { toNickName: answer.page_info.to_nick_name, items: answer.page_info.msg_items.msg_item };
}
