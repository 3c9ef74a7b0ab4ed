import type { ConsoleProfile } from '../identity/console-profile.model';
import { parseField, type ProfileField } from './profile-fields';
import type { SourceKind } from './profile-item.model';
import { splitPacket, type DecodedItems, type ProfilePacket } from './profile-packet';
import { decodeVcard, type VcardPacket } from './vcard-decoder';
import { decodeWebForm, type WebFormPacket } from './web-form-decoder';

/** A console profile (docs/protocol.md §3.4) and the platform of the account that fetched it. */
export interface ConsolePacket {
  platform: string;
  profile: ConsoleProfile;
}

/** `set <field> <value>` from chat: the field as typed (either language), the value, and the message. */
export interface ChatSetPacket {
  platform: string;
  accountId: string;
  field: string;
  value: string;
  /** The message's time. */
  at: Date;
}

/**
 * The raw packet of each source that has a decoder: the console profile, `set` from chat, and the
 * `/me` page's web form and vCard upload (`web-form-decoder.ts`, `vcard-decoder.ts`). To add a
 * source: add its packet type here and its decoder to {@link DECODERS}; nothing else changes,
 * since validity and merge work on the items every decoder produces.
 */
export interface RawPackets {
  console: ConsolePacket;
  chat: ChatSetPacket;
  web: WebFormPacket;
  vcard: VcardPacket;
}

/**
 * Turns one source's packet into the internal format, then into single items. A decoder may
 * throw a `UserError` when the packet as a whole cannot be read (a malformed vCard).
 */
export type Decoder<P> = (packet: P) => DecodedItems;

const GENDERS: Readonly<Record<number, string>> = { 1: 'male', 2: 'female' };

/** What the console shows, as profile fields; empty values and gender 0 (unknown) say nothing. */
export function consoleFields(profile: ConsoleProfile): Partial<Record<ProfileField, string>> {
  const region = [profile.country, profile.province, profile.city].map((part) => part.trim()).filter(Boolean).join(' ');
  const fields: Partial<Record<ProfileField, string>> = {
    nickname: profile.nickName,
    gender: GENDERS[profile.gender],
    region,
    signature: profile.signature,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

const decodeConsole: Decoder<ConsolePacket> = ({ platform, profile }) => {
  const packet: ProfilePacket = {
    source: { kind: 'console', platform, accountId: profile.accountId },
    sourceUpdatedAt: profile.fetchedAt,
    fields: consoleFields(profile),
  };
  return { items: splitPacket(packet), refused: [] };
};

const decodeChatSet: Decoder<ChatSetPacket> = ({ platform, accountId, field: typed, value, at }) => {
  const field = parseField(typed);
  if (field === null) {
    return {
      items: [],
      refused: [{ field: typed, reason: { zh: `没有“${typed}”这个字段`, en: `there is no field "${typed}"` } }],
    };
  }
  const packet: ProfilePacket = { source: { kind: 'chat', platform, accountId }, sourceUpdatedAt: at, fields: { [field]: value } };
  return { items: splitPacket(packet), refused: [] };
};

const DECODERS: { readonly [K in keyof RawPackets]: Decoder<RawPackets[K]> } = {
  console: decodeConsole,
  chat: decodeChatSet,
  web: decodeWebForm,
  vcard: decodeVcard,
};

/** The sources that have a decoder so far. */
export function hasDecoder(kind: SourceKind): kind is keyof RawPackets {
  return Object.hasOwn(DECODERS, kind);
}

/** The decoder for a packet from `kind`. */
export function decoderFor<K extends keyof RawPackets>(kind: K): Decoder<RawPackets[K]> {
  return DECODERS[kind];
}
