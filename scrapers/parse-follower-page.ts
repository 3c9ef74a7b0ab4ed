/**
 * The follower list page (docs/protocol.md §3.3) into a `FollowerPage`.
 */
import { z } from 'zod';
import { checkShape, fakeIdSchema, numberish } from './check-shape';
import type { FollowerPage } from './console-types';
import { parseCgiData } from './parse-cgi-data';

const STEP = 'follower list';

const groupSchema = z.object({ id: numberish, name: z.string(), cnt: numberish });
const contactSchema = z.object({
  id: fakeIdSchema,
  nick_name: z.string(),
  remark_name: z.string().default(''),
  group_id: numberish,
});
const pageSchema = z.object({
  pageIdx: numberish,
  pageCount: numberish,
  pageSize: numberish,
  totalCount: numberish,
  groupsList: z.array(groupSchema),
  friendsList: z.array(contactSchema),
});

/**
 * Parses one page of the follower list, newest follower first. FakeIDs (JSON numbers on this
 * page) become decimal strings; nicknames keep any control characters they carry.
 *
 * @throws SessionExpiredError on the login-timeout page
 * @throws ConsoleChangedError when `wx.cgiData` or one of its fields is missing or malformed
 */
export function parseFollowerPage(html: string): FollowerPage {
  const page = checkShape(pageSchema, parseCgiData(html, STEP), STEP, 'wx.cgiData');
  return {
    pageIdx: page.pageIdx,
    pageCount: page.pageCount,
    pageSize: page.pageSize,
    totalCount: page.totalCount,
    groups: page.groupsList.map((group) => ({ id: group.id, name: group.name, count: group.cnt })),
    followers: page.friendsList.map((contact) => ({
      fakeId: contact.id,
      nickName: contact.nick_name,
      remarkName: contact.remark_name,
      groupId: contact.group_id,
    })),
  };
}
