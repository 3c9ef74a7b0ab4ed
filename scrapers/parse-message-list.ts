/**
 * The recent-messages page (docs/protocol.md §3.5) into a `MessagePage`.
 */
import { z } from 'zod';
import { checkShape, numberish } from './check-shape';
import { consoleMessageSchema } from './console-message-schema';
import type { MessagePage } from './console-types';
import { parseCgiData } from './parse-cgi-data';

const STEP = 'message list';

const pageSchema = z.object({
  total_count: numberish,
  latest_msg_id: numberish,
  list: z.array(consoleMessageSchema),
});

/**
 * Parses one page of recent messages, newest first. Content stays as the console shows it
 * (`<br/>`, entities, face codes); normalising it is the matcher's job.
 *
 * @throws SessionExpiredError on the login-timeout page
 * @throws ConsoleChangedError when `wx.cgiData` or one of its fields is missing or malformed
 */
export function parseMessageList(html: string): MessagePage {
  const page = checkShape(pageSchema, parseCgiData(html, STEP), STEP, 'wx.cgiData');
  return { totalCount: page.total_count, latestMsgId: page.latest_msg_id, items: page.list };
}
