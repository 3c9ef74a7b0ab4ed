/**
 * One message item as the message list (3.5) and a conversation (3.6) write it.
 */
import { z } from 'zod';
import { fakeIdSchema, numberish } from './check-shape';
import type { ConsoleMessage } from './console-types';

/** A `msg_item` entry, checked and turned into a `ConsoleMessage`. */
export const consoleMessageSchema = z
  .object({
    id: numberish,
    type: numberish,
    fakeid: fakeIdSchema,
    nick_name: z.string(),
    date_time: numberish,
    content: z.string().default(''),
    has_reply: numberish.default(0),
  })
  .transform(
    (item): ConsoleMessage => ({
      id: item.id,
      type: item.type,
      fakeId: item.fakeid,
      nickName: item.nick_name,
      dateTime: item.date_time,
      content: item.content,
      hasReply: item.has_reply === 1,
    }),
  );
