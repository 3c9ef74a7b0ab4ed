/**
 * A follower's profile (docs/protocol.md §3.4), an ajax JSON answer, into `ContactInfo`.
 */
import { z } from 'zod';
import { checkShape, fakeIdSchema, numberish } from './check-shape';
import type { ContactInfo, Gender } from './console-types';
import { readConsoleJson } from './read-console-json';

const STEP = 'contact info';

const text = z.string().default('');
const contactSchema = z.object({
  contact_info: z.object({
    fake_id: fakeIdSchema,
    nick_name: z.string(),
    remark_name: text,
    user_name: text,
    signature: text,
    country: text,
    province: text,
    city: text,
    gender: numberish.default(0),
    group_id: numberish.default(0),
  }),
});

/**
 * Parses a profile. Profile fields the follower left empty may be missing and read as `''`;
 * a gender other than 1 or 2 reads as 0 (unknown).
 *
 * @throws SessionExpiredError when the answer says the session expired
 * @throws ConsoleChangedError when the answer is not JSON or lacks `fake_id` or `nick_name`
 */
export function parseContactInfo(body: string): ContactInfo {
  const info = checkShape(contactSchema, readConsoleJson(body, STEP), STEP, 'answer').contact_info;
  return {
    fakeId: info.fake_id,
    nickName: info.nick_name,
    remarkName: info.remark_name,
    userName: info.user_name,
    signature: info.signature,
    country: info.country,
    province: info.province,
    city: info.city,
    gender: toGender(info.gender),
    groupId: info.group_id,
  };
}

function toGender(value: number): Gender {
  return value === 1 || value === 2 ? value : 0;
}
