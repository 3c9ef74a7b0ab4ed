import type { Logger } from 'pino';
import type { ConsoleApi } from '../../scrapers/console-api';
import type { Push } from '../../webhooks/push';
import { describeError } from '../errors';
import { beaconFor } from './beacon';
import type { BeaconWalker } from './beacon-walker';
import type { ConsoleProfile } from './console-profile.model';
import type { IdentityStrategy } from './identity.model';
import type { IdentityStore, KnownIdentity } from './identity-store';
import type { MessageListBatcher } from './message-list-batcher';
import { pendingFromPush } from './time-match';

/** One account's console and the two strategies that read it. */
export interface AccountConsole {
  console: ConsoleApi;
  batcher: MessageListBatcher;
  walker: BeaconWalker;
}

/** Reported once per follower tied (tests and the benchmark listen). */
export interface ResolvedEvent {
  accountId: string;
  openId: string;
  fakeId: string;
  strategy: IdentityStrategy;
  /** From the push's arrival to the identity stored, in ms. */
  ms: number;
}

/** A follower's console profile, just fetched and stored. */
export interface ProfileEvent {
  openId: string;
  profile: ConsoleProfile;
}

export interface IdentityResolverOptions {
  store: IdentityStore;
  consoles: ReadonlyMap<string, AccountConsole>;
  log: Logger;
  now: () => Date;
  onResolved?: (event: ResolvedEvent) => void;
  /** Told every console profile fetched and stored, with the follower it belongs to (profiles merge it). */
  onProfile?: (event: ProfileEvent) => void;
  /** Told the outcome of every step of every resolution (the metrics). */
  onStep?: (step: ResolutionStep) => void;
}

/** One step of a resolution: which strategy ran and how it ended. */
export interface ResolutionStep {
  accountId: string;
  strategy: 'known' | IdentityStrategy;
  outcome: 'found' | 'tied' | 'already-tied' | 'refused' | 'undecided' | 'not-found' | 'failed';
}

interface Flight {
  promise: Promise<KnownIdentity | null>;
  phase: 'time-match' | 'beacon';
}

/**
 * Who sent a push (docs/protocol.md §4). A known sender comes from the cache, else the
 * document store, without a console call. An unknown one is looked for in the console: by
 * time match for messages the message list shows, by the beacon walk for events and for
 * messages the time match could not settle. Pushes of one follower in flight share one
 * resolution, except that a new message may settle by time match what a beacon walk is still
 * looking for. Never rejects: a console failure is logged and resolves null.
 */
export class IdentityResolver {
  private readonly flights = new Map<string, Flight>();

  constructor(private readonly options: IdentityResolverOptions) {}

  /** True when the account has a console to resolve against. */
  canResolve(accountId: string): boolean {
    return this.options.consoles.has(accountId);
  }

  /** The stored identity of a follower, or null; never calls the console. */
  known(accountId: string, openId: string): Promise<KnownIdentity | null> {
    return this.options.store.find(accountId, openId);
  }

  /** The beacon the bot's replies carry for a not-yet-known follower. */
  beaconFor(accountId: string, openId: string): string {
    return beaconFor(accountId, openId);
  }

  /** Resolves the sender of `push` (joining a resolution in flight), or null when it cannot be settled now. */
  resolve(push: Push, accountId: string, log: Logger = this.options.log): Promise<KnownIdentity | null> {
    const key = `${accountId}:${push.fromUserName}`;
    const flight = this.flights.get(key);
    if (flight) {
      if (flight.phase === 'beacon' && pendingFromPush(push, pushKeyOf(push))) {
        return this.timeMatchOnly(push, accountId, log).then((found) => found ?? flight.promise);
      }
      return flight.promise;
    }
    const started = Date.now();
    const next: Flight = { phase: 'time-match', promise: Promise.resolve(null) };
    next.promise = this.run(push, accountId, log, next, started)
      .catch((error: unknown) => {
        this.step(accountId, next.phase, 'failed');
        log.warn({ err: error, accountId }, `identity resolution failed: ${describeError(error)}`);
        return null;
      })
      .finally(() => this.flights.delete(key));
    this.flights.set(key, next);
    return next.promise;
  }

  private async run(push: Push, accountId: string, log: Logger, flight: Flight, started: number): Promise<KnownIdentity | null> {
    const known = await this.known(accountId, push.fromUserName);
    if (known) {
      this.step(accountId, 'known', 'found');
      return known;
    }
    const found = await this.timeMatchOnly(push, accountId, log, started);
    if (found) return found;
    const account = this.options.consoles.get(accountId);
    if (!account) return null;
    flight.phase = 'beacon';
    const fakeId = await account.walker.find(push.fromUserName, beaconFor(accountId, push.fromUserName), push.createTime);
    if (fakeId === null) {
      this.step(accountId, 'beacon', 'not-found');
      log.info({ accountId }, 'identity not settled: the beacon was not seen; the next push tries again');
      return null;
    }
    return this.tie(accountId, push.fromUserName, fakeId, 'beacon', log, started);
  }

  private async timeMatchOnly(push: Push, accountId: string, log: Logger, started = Date.now()): Promise<KnownIdentity | null> {
    const account = this.options.consoles.get(accountId);
    const pending = pendingFromPush(push, pushKeyOf(push));
    if (!account || !pending) return null;
    const outcome = await account.batcher.match(pending);
    if (!('fakeId' in outcome)) {
      this.step(accountId, 'time-match', 'undecided');
      log.info({ accountId, undecided: outcome.undecided }, 'time match undecided');
      return null;
    }
    return this.tie(accountId, push.fromUserName, outcome.fakeId, 'time-match', log, started);
  }

  /** Stores the pair (refused if the FakeID is another openID's), then fetches and stores the profile. */
  private async tie(
    accountId: string,
    openId: string,
    fakeId: string,
    strategy: IdentityStrategy,
    log: Logger,
    started: number,
  ): Promise<KnownIdentity | null> {
    const { store } = this.options;
    const outcome = await store.tie({ accountId, openId, fakeId, strategy, resolvedAt: this.options.now() });
    this.step(accountId, strategy, outcome === 'fakeid-taken' ? 'refused' : outcome);
    if (outcome === 'fakeid-taken') {
      log.warn({ accountId, strategy }, 'a FakeID found for this follower is tied to another openID; not tied');
      return null;
    }
    if (outcome === 'already-tied') {
      const known = await this.known(accountId, openId);
      if (known?.profile) return known;
    }
    if (outcome === 'tied') {
      log.info({ accountId, strategy, ms: Date.now() - started }, 'follower identified');
      this.options.onResolved?.({ accountId, openId, fakeId, strategy, ms: Date.now() - started });
    }
    return (await this.fetchProfile(accountId, openId, fakeId, log)) ?? (await this.known(accountId, openId));
  }

  private step(accountId: string, strategy: ResolutionStep['strategy'], outcome: ResolutionStep['outcome']): void {
    this.options.onStep?.({ accountId, strategy, outcome });
  }

  /** Fetches the profile the console failed to give when the follower was tied. */
  refreshProfile(identity: KnownIdentity, log: Logger = this.options.log): Promise<KnownIdentity | null> {
    return this.fetchProfile(identity.accountId, identity.openId, identity.fakeId, log);
  }

  /** Fetches the console profile of a tied follower and stores it; null when the console fails. */
  async fetchProfile(accountId: string, openId: string, fakeId: string, log: Logger = this.options.log): Promise<KnownIdentity | null> {
    const account = this.options.consoles.get(accountId);
    if (!account) return null;
    try {
      const info = await account.console.contactInfo(fakeId);
      const { groupId: _groupId, fakeId: _fakeId, ...fields } = info;
      const profile: ConsoleProfile = { accountId, fakeId, ...fields, fetchedAt: this.options.now() };
      const known = await this.options.store.saveProfile(openId, profile);
      // Untied meanwhile (`forget me`): nothing stored, and no person made again from it.
      if (known) this.options.onProfile?.({ openId, profile });
      return known;
    } catch (error) {
      log.warn({ err: error, accountId }, `profile not fetched: ${describeError(error)}`);
      return null;
    }
  }
}

function pushKeyOf(push: Push): string {
  return push.kind === 'message' && 'msgId' in push && push.msgId ? push.msgId : `${push.fromUserName}:${push.createTime}`;
}
