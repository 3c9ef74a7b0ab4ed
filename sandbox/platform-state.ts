/**
 * The sandbox platform's whole state, in memory: one `Platform` object shared by the console,
 * the pusher and the control API. It owns the sandbox clock and every id counter.
 */
import { DEFAULT_KNOBS, type Knobs, type KnobsPatch } from './knobs';
import { captchaTextFor, fakeIdFor, msgIdFor, openIdFor, originalIdFor } from './platform-ids';
import { PlatformEvents } from './platform-events';
import {
  SandboxError,
  type Account,
  type AccountMode,
  type ChatEntry,
  type ConsoleMessage,
  type Follow,
  type Person,
  type RequestLogEntry,
  type SentRecord,
  type Session,
} from './platform-model';
import { seededRandom, type SeededRandom } from './seeded-random';

/** What it takes to create an account (`POST /_sandbox/accounts`). */
export interface NewAccount {
  id: string;
  username: string;
  password: string;
  token: string;
  webhookUrl: string;
  mode?: AccountMode;
  encodingAESKey?: string;
  appId?: string;
  originalId?: string;
}

/** Which platform a sandbox plays: its name and the band its FakeIDs come from. */
export interface PlatformIdentity {
  /** `[a-z0-9-]{1,32}`, like an account's `platform` in the bot's accounts file. */
  name: string;
  /** 0 to 3 (see `fakeIdFor`). */
  fakeIdSpace: number;
}

/** The platform a sandbox plays unless told otherwise: the bot's default platform, FakeID space 0. */
export const DEFAULT_PLATFORM_IDENTITY: PlatformIdentity = { name: 'default', fakeIdSpace: 0 };

/** A change to a person's profile: the fields given are replaced. */
export type PersonPatch = Partial<Omit<Person, 'fakeId'>>;

/** A message to record into the console. */
export type NewMessage = Omit<ConsoleMessage, 'id'>;

/** A line to add to a chat (the platform numbers it). */
export type NewChatEntry = Omit<ChatEntry, 'seq'>;

const FIXED_GROUPS = [
  { id: 0, name: '未分组' },
  { id: 1, name: '黑名单' },
  { id: 2, name: '星标组' },
];

/** The sandbox platform's state and the operations every part of the sandbox shares. */
export class Platform {
  knobs: Knobs;
  /** The sandbox's own URL once it listens (for `PicUrl`); empty before. */
  baseUrl = '';
  /** Where the chat page's SMS link points (`<smsInboxUrl>/sms`): this sandbox unless told otherwise. */
  smsInboxUrl = '';
  readonly accounts = new Map<string, Account>();
  readonly people = new Map<string, Person>();
  /** Keyed by `${accountId}:${fakeId}`. */
  readonly follows = new Map<string, Follow>();
  readonly messages: ConsoleMessage[] = [];
  /** Keyed by the `slave_sid` cookie. */
  readonly sessions = new Map<string, Session>();
  readonly requestLog: RequestLogEntry[] = [];
  readonly sent: SentRecord[] = [];
  /** Every person's chat with every account, in recording order (the chat page reads it). */
  readonly chat: ChatEntry[] = [];
  /** Announces changes to the chat page's event stream. */
  readonly events = new PlatformEvents();
  /** Aborts in-flight pushes when the sandbox closes. */
  readonly shutdown = new AbortController();
  private clockOffsetMs = 0;
  private random: SeededRandom;
  private readonly counters = { fakeId: 0, message: 200_000_000, push: 0, follow: 0, session: 0, media: 0, nonce: 0, sig: 0, chat: 0 };

  constructor(
    knobs: Partial<Knobs> = {},
    /** Which platform this sandbox plays; its FakeIDs come from the identity's space. */
    readonly identity: PlatformIdentity = DEFAULT_PLATFORM_IDENTITY,
  ) {
    this.knobs = { ...DEFAULT_KNOBS, ...knobs };
    this.random = seededRandom(this.knobs.seed);
  }

  /** Sandbox clock in ms: the real clock plus whatever `advanceClock` added. */
  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Sandbox clock in unix seconds. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves the sandbox clock forward (or back, with a negative number). */
  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  /** Applies a validated partial knobs update; a new `seed` restarts the skew sequence. */
  updateKnobs(patch: KnobsPatch): void {
    this.knobs = { ...this.knobs, ...patch };
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
    this.events.emit({ type: 'knobs' });
  }

  /** The next skew (seconds) between a push's CreateTime and the console's date_time. */
  drawSkew(): number {
    return this.random.integer(this.knobs.skew.min, this.knobs.skew.max);
  }

  /** A new MsgId for a message push. */
  nextMsgId(createTime: number): string {
    this.counters.push += 1;
    return msgIdFor(createTime, this.counters.push);
  }

  /** The next value of a counter: sessions, media ids, push nonces, captcha cookies. */
  nextSerial(kind: 'session' | 'media' | 'nonce' | 'sig'): number {
    this.counters[kind] += 1;
    return this.counters[kind];
  }

  /** @throws SandboxError 409 when the id or username is taken */
  addAccount(input: NewAccount): Account {
    if (this.accounts.has(input.id)) throw new SandboxError(409, `account ${input.id} exists`);
    if ([...this.accounts.values()].some((a) => a.username === input.username)) {
      throw new SandboxError(409, `username ${input.username} is taken`);
    }
    const account: Account = {
      ...input,
      mode: input.mode ?? 'plain',
      originalId: input.originalId ?? originalIdFor(input.id),
      fakeId: this.nextFakeId(),
      banned: false,
      loginAttempts: [],
      captchaText: captchaTextFor(input.id, 0),
      captchaGeneration: 0,
      groups: FIXED_GROUPS.map((g) => ({ ...g })),
      nextGroupId: 100,
      sends: [],
      menu: [],
    };
    this.accounts.set(account.id, account);
    this.events.emit({ type: 'account', account: account.id });
    return account;
  }

  /** Creates a person with the next FakeID. */
  addPerson(profile: Omit<Person, 'fakeId'>): Person {
    const person: Person = { fakeId: this.nextFakeId(), ...profile };
    this.people.set(person.fakeId, person);
    this.events.emit({ type: 'person', fakeId: person.fakeId });
    return person;
  }

  /**
   * Changes a person's profile in place: every console page reads the person when it is served,
   * so the follower list, the profile (getcontactinfo) and the conversations show it at once.
   *
   * @throws SandboxError 404 for an unknown FakeID
   */
  updatePerson(fakeId: string, patch: PersonPatch): Person {
    const person = this.person(fakeId);
    for (const [field, value] of Object.entries(patch)) if (value !== undefined) Object.assign(person, { [field]: value });
    this.events.emit({ type: 'person', fakeId });
    return person;
  }

  /** @throws SandboxError 404 for an unknown account */
  account(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new SandboxError(404, `no account ${id}`);
    return account;
  }

  /** @throws SandboxError 404 for an unknown FakeID */
  person(fakeId: string): Person {
    const person = this.people.get(fakeId);
    if (!person) throw new SandboxError(404, `no person with fakeId ${fakeId}`);
    return person;
  }

  /** The follow of `fakeId` to `accountId`, if any. */
  findFollow(accountId: string, fakeId: string): Follow | undefined {
    return this.follows.get(`${accountId}:${fakeId}`);
  }

  /**
   * Makes a person follow an account, at `at` (unix seconds, default now).
   *
   * @throws SandboxError 404 for an unknown account or person, 409 when they already follow
   */
  follow(accountId: string, fakeId: string, at = this.nowSeconds()): Follow {
    const account = this.account(accountId);
    this.person(fakeId);
    if (this.findFollow(accountId, fakeId)) throw new SandboxError(409, `${fakeId} already follows ${accountId}`);
    this.counters.follow += 1;
    const follow: Follow = {
      accountId,
      fakeId,
      openId: openIdFor(account.originalId, fakeId),
      groupId: 0,
      followedAt: at,
      seq: this.counters.follow,
      lastInteractionAt: at,
    };
    this.follows.set(`${accountId}:${fakeId}`, follow);
    this.events.emit({ type: 'follow', account: accountId, fakeId });
    return follow;
  }

  /** Ends a follow; the messages stay. */
  unfollow(accountId: string, fakeId: string): void {
    if (this.follows.delete(`${accountId}:${fakeId}`)) this.events.emit({ type: 'unfollow', account: accountId, fakeId });
  }

  /** An account's followers, newest first. */
  followersOf(accountId: string): Follow[] {
    return [...this.follows.values()]
      .filter((f) => f.accountId === accountId)
      .sort((a, b) => b.followedAt - a.followedAt || b.seq - a.seq);
  }

  /** Records a console message with the next console msg id. */
  recordMessage(message: NewMessage): ConsoleMessage {
    this.counters.message += 1;
    const recorded = { id: this.counters.message, ...message };
    this.messages.push(recorded);
    this.events.emit({ type: 'message', account: message.accountId, fakeId: message.peerFakeId });
    return recorded;
  }

  /** Records something the account sent to a follower: into the "sent" list and the chat. */
  recordSent(record: SentRecord): void {
    this.sent.push(record);
    const { accountId, fakeId, via, type: kind, content, at } = record;
    this.recordChat({ accountId, fakeId, from: 'account', kind, content, at, via });
  }

  /** Adds a line to a person's chat with an account. */
  recordChat(entry: NewChatEntry): ChatEntry {
    this.counters.chat += 1;
    const recorded = { seq: this.counters.chat, ...entry };
    this.chat.push(recorded);
    this.events.emit({ type: 'chat', account: entry.accountId, fakeId: entry.fakeId, seq: recorded.seq });
    return recorded;
  }

  /** Creates a group for an account, ids from 100. */
  addGroup(account: Account, name: string): number {
    const id = account.nextGroupId;
    account.nextGroupId += 1;
    account.groups.push({ id, name });
    return id;
  }

  private nextFakeId(): string {
    this.counters.fakeId += 1;
    return fakeIdFor(this.counters.fakeId, this.identity.fakeIdSpace);
  }
}
