import type { Logger } from 'pino';
import type { Push } from '../../webhooks/push';
import type { KnownIdentity } from '../identity/identity-store';
import type { ActiveMessenger } from '../outbox/active-messenger';
import type { ForgetPerson } from '../profiles/forget-person';
import type { ForgetRequests } from '../profiles/forget-requests';
import type { PersonIdentity } from '../profiles/person-identity.model';
import type { Person } from '../profiles/person.model';
import type { ProfileCards } from '../profiles/profile-cards';
import type { LinkIssuer } from '../profiles/profile-links';
import type { ProfileStore } from '../profiles/profile-store';
import type { VisibilityStore } from '../profiles/visibility-store';
import type { Background } from './background';
import type { CommandRegistry } from './command-registry';
import type { LanguageMemory } from './language-memory';

/** Who sent a push: the bot's identity resolution (src/identity), as commands see it. */
export interface IdentityService {
  /** True when the account has a console, so its followers can be identified. */
  canResolve(accountId: string): boolean;
  /** The stored identity, or null; never calls the console. */
  known(accountId: string, openId: string): Promise<KnownIdentity | null>;
  /** Identifies the sender of `push`; null when it cannot be settled now. Never rejects. */
  resolve(push: Push, accountId: string, log: Logger): Promise<KnownIdentity | null>;
  /** Fetches a missing profile again (the console failed when the follower was tied). */
  refreshProfile?(identity: KnownIdentity, log: Logger): Promise<KnownIdentity | null>;
  /** The beacon replies to a not-yet-known follower carry (docs/protocol.md §4.2). */
  beaconFor(accountId: string, openId: string): string;
}

/** Console profiles fetched again when stale (src/identity/profile-refetcher.ts). */
export interface StaleProfiles {
  /** Given a known sender's identity on each push: refetches its console profile in the background when stale. Never throws. */
  consider(identity: KnownIdentity, log: Logger): void;
}

/** Persons (src/profiles): who is behind an identity, across the accounts of a platform. */
export interface PersonService {
  /** The person behind a FakeID on a platform, seen through an account as an openID; created on first sight. */
  personFor(platform: string, fakeId: string, accountId: string, openId: string): Promise<Person>;
  /** The person with a typed person code, or null. */
  findByCode(typed: string): Promise<Person | null>;
  /** A person's identities (platform and FakeID, with the accounts each was seen through), oldest first. */
  identitiesOf(personId: string): Promise<PersonIdentity[]>;
}

/** The services every command can reach through its context, built once in the composition root. */
export interface BotServices {
  commands: CommandRegistry;
  messenger: ActiveMessenger;
  identity: IdentityService;
  /** Keeps known senders' console profiles fresh, after the reply. */
  staleProfiles: StaleProfiles;
  persons: PersonService;
  /** Persons' profiles: read, merged (`set`), cleared. */
  profiles: ProfileStore;
  /** Who may see each of a person's fields (`share`, `privacy`). */
  visibility: VisibilityStore;
  /** Cards as a requester may see them now (`card`). */
  cards: ProfileCards;
  /** Signed, expiring links to cards, exports and the own page (`card`, `export`, `page`). */
  links: LinkIssuer;
  /** `forget me`: what would be deleted of a person, and the deletion. */
  forgetting: ForgetPerson;
  /** `forget me` requests waiting for their confirmation. */
  forgetRequests: ForgetRequests;
  /** The language each follower last wrote in, for answering pushes without words. */
  languages: LanguageMemory;
  /** How long a command that needs the sender's identity waits for it before answering later. */
  identityWaitMs: number;
  /** Work that goes on after the reply (answers sent later); drained on shutdown. */
  background: Background;
  /** The current time; injected so tests run on a fixed clock. */
  now(): Date;
}
