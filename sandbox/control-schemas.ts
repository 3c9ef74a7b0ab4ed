/**
 * Bodies of the control API (`/_sandbox`), validated with zod: bad input is a 400 whose message
 * names the field and what was wrong.
 */
import { z } from 'zod';

const FAKE_ID = 'fakeId is a FakeID: up to 10 decimal digits (string or number)';
const fakeId = z
  .union([z.string().regex(/^\d{1,10}$/, FAKE_ID), z.number().int().nonnegative().max(9_999_999_999, FAKE_ID)], { error: FAKE_ID })
  .transform(String);
const unixSeconds = z.number().int().nonnegative();
const mapPoint = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  label: z.string().optional(),
  scale: z.number().int().nonnegative().optional(),
});

/** `POST /_sandbox/accounts`. Safe and compatible modes need `encodingAESKey` and `appId`. */
export const newAccountSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'id is 1-32 characters of a-z, 0-9 and -'),
    username: z.string().min(1),
    password: z.string().min(1),
    token: z.string().min(1),
    webhookUrl: z.url({ protocol: /^https?$/ }),
    mode: z.enum(['plain', 'compatible', 'safe']).optional(),
    encodingAESKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'encodingAESKey is 43 base64 characters').optional(),
    appId: z.string().min(1).optional(),
    originalId: z.string().regex(/^gh_[0-9a-f]{12}$/, 'originalId is gh_ + 12 lowercase hex').optional(),
  })
  .strict()
  .refine((a) => (a.mode ?? 'plain') === 'plain' || (a.encodingAESKey !== undefined && a.appId !== undefined), {
    message: 'safe and compatible modes need encodingAESKey and appId',
    path: ['mode'],
  });

/** A text of at most `max` characters (code points, so one Chinese character or emoji counts one). */
const upTo = (field: string, max: number, min = 0) => z.string().refine(
  (text) => Array.from(text).length >= min && Array.from(text).length <= max,
  { message: min > 0 ? `${field} is ${min}-${max} characters` : `${field} is at most ${max} characters` },
);

/**
 * A person's profile fields as the console shows them (docs/protocol.md §3.4), with the limits
 * the chat page's form has. No character is refused: a platform shows whatever people type,
 * control characters included, and the bot must cope.
 */
const profileFields = {
  nickName: upTo('nickName', 64, 1),
  userName: upTo('userName', 64),
  signature: upTo('signature', 120),
  country: upTo('country', 64),
  province: upTo('province', 64),
  city: upTo('city', 64),
  gender: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'gender is 0 (unknown), 1 (male) or 2 (female)' }),
};

/** `POST /_sandbox/people`: profile fields, all but the nickname optional. */
export const newPersonSchema = z
  .object({
    nickName: profileFields.nickName,
    userName: profileFields.userName.default(''),
    signature: profileFields.signature.default(''),
    country: profileFields.country.default(''),
    province: profileFields.province.default(''),
    city: profileFields.city.default(''),
    gender: profileFields.gender.default(0),
  })
  .strict();

/** `PATCH /_sandbox/people/:fakeId`: the profile fields to change, at least one. */
export const personPatchSchema = z
  .object({
    nickName: profileFields.nickName.optional(),
    userName: profileFields.userName.optional(),
    signature: profileFields.signature.optional(),
    country: profileFields.country.optional(),
    province: profileFields.province.optional(),
    city: profileFields.city.optional(),
    gender: profileFields.gender.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'give at least one of nickName, userName, signature, country, province, city, gender',
  });

/** `POST /_sandbox/follow`. */
export const followSchema = z
  .object({
    account: z.string().min(1),
    fakeId,
    scene: z.string().min(1).max(64).optional(),
    push: z.boolean().default(true),
    at: unixSeconds.optional(),
  })
  .strict();

/** `POST /_sandbox/send`: what each type needs is checked too (text → content, …). */
export const sendSchema = z
  .object({
    account: z.string().min(1),
    fakeId,
    type: z.enum(['text', 'location', 'image', 'voice', 'event']),
    content: z.string().optional(),
    location: mapPoint.optional(),
    event: z.enum(['subscribe', 'SCAN', 'unsubscribe', 'LOCATION', 'CLICK']).optional(),
    eventKey: z.string().optional(),
    scene: z.string().min(1).max(64).optional(),
    at: unixSeconds.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const need = (field: 'content' | 'location' | 'event' | 'eventKey', when: string): void => {
      if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${when} needs ${field}` });
    };
    if (s.type === 'text') need('content', 'type text');
    if (s.type === 'location') need('location', 'type location');
    if (s.type === 'event') need('event', 'type event');
    if (s.type === 'event' && s.event === 'LOCATION') need('location', 'event LOCATION');
    if (s.type === 'event' && s.event === 'CLICK') need('eventKey', 'event CLICK');
  });

const menuEntry = z
  .object({ name: z.string().min(1).max(16, 'a menu name is at most 16 characters'), key: z.string().min(1).max(128, 'a menu key is at most 128 characters') })
  .strict();

/** `PATCH /_sandbox/accounts/:id`: a new password, the banned flag, the custom menu (at most 3 entries). */
export const accountPatchSchema = z
  .object({
    password: z.string().min(1).optional(),
    banned: z.boolean().optional(),
    menu: z.array(menuEntry).max(3, 'a menu has at most 3 entries').optional(),
  })
  .strict();

/** `POST /_sandbox/unfollow`: the person unfollows (an `unsubscribe` push). */
export const unfollowSchema = z.object({ account: z.string().min(1), fakeId }).strict();

/** `POST /_sandbox/scan`: a scene QR code, as its scene or as the URL of its PNG image. */
export const scanSchema = z
  .object({
    account: z.string().min(1),
    fakeId,
    scene: z.string().min(1).max(64, 'a scene is 1-64 characters').optional(),
    imageUrl: z.url({ protocol: /^https?$/, error: 'imageUrl is an http or https URL' }).optional(),
  })
  .strict()
  .refine((s) => (s.scene === undefined) !== (s.imageUrl === undefined), { message: 'give exactly one of scene and imageUrl', path: ['scene'] });

/** `POST /_sandbox/clock`. */
export const clockSchema = z.object({ advanceSeconds: z.number().int() }).strict();

/**
 * Parses a body; the error message lists every problem as `field: message`.
 *
 * @throws BadInput when the body does not match
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw new BadInput(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
}

/** A control API body that does not validate (HTTP 400). */
export class BadInput extends Error {
  override readonly name = 'BadInput';
}
