import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What a link may be for: a person's card as one requester may see it (`/cards/<token>.vcf`),
 * everything held about a person (`/export/<token>.json`), and a person's own page
 * (`/me/<token>`). Docs: commands.md §1.
 */
export const LINK_KINDS = ['card', 'export', 'me'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What a token says, by kind. Person IDs are UUIDs; `expiresAt` is a whole second. */
export type LinkClaims =
  | { kind: 'card'; target: string; requester: string; expiresAt: Date }
  | { kind: 'export'; person: string; expiresAt: Date }
  | { kind: 'me'; person: string; expiresAt: Date };

/** The claims of one kind. */
export type ClaimsOf<K extends LinkKind> = Extract<LinkClaims, { kind: K }>;
/** What to seal: the claims without the expiry, which the kind's lifetime decides. */
export type LinkRequest = LinkClaims extends infer C ? (C extends LinkClaims ? Omit<C, 'expiresAt'> : never) : never;

/**
 * How long a link works, in seconds. Cards and exports: 24 hours (commands.md §1), long enough
 * to open the link on another device the same day. The own page: 1 hour, because it does not
 * only show, it edits: whoever holds the link may change the person's fields and sharing, and a
 * link travels (a forwarded chat, a screenshot, a shared computer's history). `page` gives a
 * fresh one at any time, so a short window costs the person little.
 */
export const LINK_LIFETIMES_S: Readonly<Record<LinkKind, number>> = { card: 24 * 3600, export: 24 * 3600, me: 3600 };

/** Longer text is no token of ours (ours are 66 to 87 characters): refused before any decoding. */
export const MAX_TOKEN_LENGTH = 128;

/** Why a token was not accepted: not ours, altered, or of another kind (`invalid`); ours but too old (`expired`). */
export type TokenRefusal = 'invalid' | 'expired';
export type Opened<K extends LinkKind> = { ok: true; claims: ClaimsOf<K> } | { ok: false; reason: TokenRefusal };

const KIND_BYTES: Readonly<Record<LinkKind, number>> = { card: 1, export: 2, me: 3 };
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bound to every token as associated data: a format change (v2) makes old tokens invalid, not misread. */
const AAD = Buffer.from('lianluo-link-v1');
const HKDF_INFO = 'lianluo link tokens v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error('a link names persons by their UUID');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The person IDs a kind carries, in their order in the payload. */
function idsOf(request: LinkRequest): string[] {
  return request.kind === 'card' ? [request.target, request.requester] : [request.person];
}

/** The payload: kind (1 byte), expiry in seconds since 1970 (4 bytes, big-endian), 16 bytes per person. */
function encode(request: LinkRequest, expiresS: number): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(KIND_BYTES[request.kind], 0);
  head.writeUInt32BE(expiresS, 1);
  return Buffer.concat([head, ...idsOf(request).map(uuidBytes)]);
}

function decode<K extends LinkKind>(kind: K, payload: Buffer): ClaimsOf<K> | null {
  const ids = kind === 'card' ? 2 : 1;
  if (payload.length !== 5 + 16 * ids || payload.readUInt8(0) !== KIND_BYTES[kind]) return null;
  const expiresAt = new Date(payload.readUInt32BE(1) * 1000);
  const id = (index: number) => uuidText(payload.subarray(5 + 16 * index, 5 + 16 * (index + 1)));
  const claims: LinkClaims = kind === 'card'
    ? { kind: 'card', target: id(0), requester: id(1), expiresAt }
    : { kind: kind as 'export' | 'me', person: id(0), expiresAt };
  return claims as ClaimsOf<K>;
}

/**
 * Opaque, authenticated, expiring link tokens: the payload sealed with AES-256-GCM under a key
 * derived (HKDF-SHA256) from the server secret, as base64url of IV, ciphertext and tag. Opaque,
 * so a link shows nobody whose card it is; authenticated, so a changed byte is refused; the
 * kind inside, so a card token never opens an export. A token is not stored anywhere: what it
 * grants is judged again when it is used (a card by the target's sharing at download time).
 */
export class LinkTokens {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly secret: () => Promise<Buffer>, private readonly now: () => Date = () => new Date()) {}

  /**
   * A token for `request`, valid for its kind's lifetime ({@link LINK_LIFETIMES_S}) from now.
   * @throws Error when a person ID is not a UUID, or when the secret cannot be read.
   */
  async seal(request: LinkRequest): Promise<{ token: string; expiresAt: Date }> {
    const expiresS = Math.floor(this.now().getTime() / 1000) + LINK_LIFETIMES_S[request.kind];
    const payload = encode(request, expiresS);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.keyBytes(), iv).setAAD(AAD);
    const sealed = Buffer.concat([iv, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
    return { token: sealed.toString('base64url'), expiresAt: new Date(expiresS * 1000) };
  }

  /**
   * The claims of a token of `kind`, or why not: `invalid` for anything that is not an intact
   * token of that kind sealed with this secret (any text at all, of any length, is answered,
   * never thrown on), `expired` for one whose time has come (at its expiry second exactly).
   * @throws Error only when the secret cannot be read (the store is down).
   */
  async open<K extends LinkKind>(kind: K, token: unknown): Promise<Opened<K>> {
    const invalid = { ok: false, reason: 'invalid' } as const;
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !BASE64URL.test(token)) return invalid;
    const sealed = Buffer.from(token, 'base64url');
    // One token, one spelling: trailing bits that base64url ignores must be zero.
    if (sealed.length < IV_BYTES + TAG_BYTES + 1 || sealed.toString('base64url') !== token) return invalid;
    const key = await this.keyBytes();
    let payload: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(AAD);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      payload = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      return invalid; // the tag does not match: altered, truncated, or sealed with another secret
    }
    const claims = decode(kind, payload);
    if (!claims) return invalid;
    if (this.now().getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  /** The AES key, derived once from the secret; a failed read of the secret is tried again next time. */
  private keyBytes(): Promise<Buffer> {
    this.key ??= this.secret().then(
      (secret) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32)),
      (error: unknown) => {
        this.key = undefined;
        throw error;
      },
    );
    return this.key;
  }
}
