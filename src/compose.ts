import type { Express } from 'express';
import type { Logger } from 'pino';
import { REPLAY_WINDOW_S } from '../webhooks/decode-push';
import { PushGate } from '../webhooks/push-gate';
import { createWebhookRouter, type PushRecord } from '../webhooks/webhook-router';
import { createLinkRouter } from '../web/link-router';
import { createMeRouter } from '../web/me-router';
import { createApp } from './app';
import { Bot } from './bot/bot';
import type { Command } from './bot/command';
import { CommandRegistry } from './bot/command-registry';
import { describeError } from './errors';
import { AccountDirectory, DEFAULT_PLATFORM, platformOf, type Account } from './config/account';
import { DEFAULT_PROFILE_REFRESH_DAYS, publicBaseUrl, type EnvConfig } from './config/env-config';
import { helpCommand } from './commands/help.commands';
import { whoamiCommand } from './commands/whoami.commands';
import { cardCommands } from './profiles/card.commands';
import { forgetCommand } from './profiles/forget.commands';
import { profileCommands } from './profiles/profile.commands';
import { createAccountConsoles, type IdentityTuning } from './identity/account-consoles';
import { IdentityResolver, type ResolvedEvent } from './identity/identity-resolver';
import { IdentityStore } from './identity/identity-store';
import { loginStopAdvice } from './identity/login-stop-advice';
import { ProfileRefetcher } from './identity/profile-refetcher';
import { ConsoleMessenger } from './outbox/console-messenger';
import { Outbox } from './outbox/outbox';
import { SendRateLimiter } from './outbox/send-rate-limiter';
import { checkReadiness, NO_CONSOLE } from './readiness';
import { Background } from './bot/background';
import { LanguageMemory } from './bot/language-memory';
import { consoleOutcomeLabel, Metrics } from './metrics/metrics';
import { migrateIdentitiesToPersons } from './profiles/migrate-identities';
import { composeProfiles } from './profiles/compose-profiles';
import { ForgetPerson } from './profiles/forget-person';
import { ForgetRequests } from './profiles/forget-requests';
import type { PersonDirectory } from './profiles/person-directory';
import type { ProfileStore } from './profiles/profile-store';
import { FallbackCache } from './stores/fallback-cache';
import type { JobQueue } from './jobs/job-queue';
import { MemoryJobQueue } from './jobs/memory-job-queue';
import type { Stores } from './stores/open-stores';

/**
 * A push stays marked as seen (with its reply) this long: past the platform's retries (~15 s)
 * and twice the replay window, so a signed push accepted once can never be accepted again.
 */
const SEEN_TTL_MS = (2 * REPLAY_WINDOW_S + 60) * 1000;
/** What `/readyz` says the bot does while the cache is down. */
const CACHE_DOWN = 'degraded: pushes are answered and de-duplicated in each process; what needs shared state tells the follower to try again';
/** Active messages per account per minute: below the console's captcha threshold for sends. */
const SENDS_PER_MINUTE = 20;
/** What a command needing identity leaves of the reply budget for itself and the reply. */
const IDENTITY_WAIT_RESERVE_MS = 1500;

/** Every command the bot answers; each domain adds its own here. */
export function createCommandRegistry(extra: readonly Command[] = []): CommandRegistry {
  return new CommandRegistry().register(helpCommand, whoamiCommand, ...profileCommands, ...cardCommands, forgetCommand, ...extra);
}

/** The running pieces of one bot, wired together. */
export interface Lianluo {
  app: Express;
  gate: PushGate;
  bot: Bot;
  outbox: Outbox;
  identity: IdentityResolver;
  persons: PersonDirectory;
  profiles: ProfileStore;
  background: Background;
  metrics: Metrics;
  /** Durable work: fan-outs, deliveries, purges (src/jobs). */
  jobs: JobQueue;
  /** Waits for in-flight push work, then closes the stores. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** `profileRefreshDays` unset: the default of `PROFILE_REFRESH_DAYS`. */
  config: Pick<EnvConfig, 'replyBudgetMs'> & Partial<Pick<EnvConfig, 'publicUrl' | 'port' | 'secretKey' | 'profileRefreshDays'>>;
  /**
   * The absolute base of the links replies carry, asked whenever one is made: main passes
   * PUBLIC_URL or http://localhost with the port it listens on (known only once listening).
   * Default: `publicBaseUrl(config, config.port ?? 3000)`.
   */
  linkBase?: () => string;
  accounts: readonly Account[];
  stores: Stores;
  /** The job queue (BullMQ on Redis in a deployment); unset: an in-process one. Compose defines the kinds and starts it. */
  jobs?: JobQueue;
  logger: Logger;
  now?: () => Date;
  /** Commands beyond the built-in ones (tests add probes here). */
  extraCommands?: readonly Command[];
  onPush?: (record: PushRecord) => void;
  /** Add Node's process metrics to `/metrics` (the real server does; tests need not). */
  processMetrics?: boolean;
  /** Identity resolution tunables (tests shorten the waits, or pass fake consoles). */
  identity?: IdentityTuning & {
    sendsPerMinute?: number;
    onResolved?: (event: ResolvedEvent) => void;
    /** At most one refetch of a follower's stale profile per this long (default 10 minutes). */
    refetchEveryMs?: number;
  };
}

/**
 * The composition root's wiring, without any connecting: `main.ts` opens the stores and calls
 * this; tests call it with their own stores and clock.
 */
export function composeLianluo(options: ComposeOptions): Lianluo {
  const { stores, logger, now = () => new Date() } = options;
  const accounts = new AccountDirectory(options.accounts);
  const outbox = new Outbox(stores.documents, stores.cache, now);
  const metrics = new Metrics({ processMetrics: options.processMetrics, outboxSize: () => outbox.size() });
  const identityStore = new IdentityStore(stores.documents, stores.cache, (result) => metrics.identityLookups.inc({ result }));
  const consoles = createAccountConsoles(
    accounts.list(),
    {
      cache: stores.cache,
      store: identityStore,
      log: logger,
      onConsoleEvent: (account, event) => {
        if (event.kind === 'request') {
          metrics.consoleRequests.inc({ account, endpoint: event.step, outcome: consoleOutcomeLabel(event.detail ?? '') });
        } else {
          metrics.consoleSessions.inc({ account, event: event.kind });
        }
      },
    },
    options.identity,
  );
  const background = new Background(logger);
  const jobs = options.jobs ?? new MemoryJobQueue();
  const languages = new LanguageMemory(stores.cache, { now });
  const { persons, profiles, visibility, cards, links, ownPage } = composeProfiles({
    documents: stores.documents,
    cache: stores.cache,
    now,
    secretKey: options.config.secretKey,
    publicUrl: options.linkBase ?? (() => publicBaseUrl(options.config, options.config.port ?? 3000)),
    identities: identityStore,
    languages,
  });
  const platformFor = (accountId: string): string => {
    const account = accounts.get(accountId);
    return account ? platformOf(account) : DEFAULT_PLATFORM;
  };
  // Ties made before persons existed; those made from now on get their person as they are made.
  background.run('identities to persons', async () => {
    const outcome = await migrateIdentitiesToPersons({ documents: stores.documents, cache: stores.cache, persons, platformOf: platformFor, now });
    if (outcome.ran) logger.info({ identities: outcome.count }, 'identities tied before persons existed now have their persons');
  });
  const identity = new IdentityResolver({
    store: identityStore,
    consoles,
    log: logger,
    now,
    onStep: ({ accountId, strategy, outcome }) => metrics.resolutions.inc({ account: accountId, strategy, outcome }),
    onResolved: (event) => {
      // Not inside the reply: a command that needs the person finds or creates it itself (`BotContext.person`).
      background.run('person of a new tie', async () => {
        await persons.personFor(platformFor(event.accountId), event.fakeId, event.accountId, event.openId);
      });
      options.identity?.onResolved?.(event);
    },
    onProfile: ({ openId, profile }) => {
      // Merged after the reply: the console's values become the person's items (src/profiles/merge-items.ts).
      background.run('console profile into profile items', async () => {
        const platform = platformFor(profile.accountId);
        const person = await persons.personFor(platform, profile.fakeId, profile.accountId, openId);
        await profiles.mergePacket(person.personId, 'console', { platform, profile });
      });
    },
  });
  const staleProfiles = new ProfileRefetcher({
    cache: stores.cache,
    refetch: (known, log) => identity.refreshProfile(known, log),
    runInBackground: (label, work) => background.run(label, work),
    maxAgeDays: options.config.profileRefreshDays ?? DEFAULT_PROFILE_REFRESH_DAYS,
    everyMs: options.identity?.refetchEveryMs,
    now,
    onOutcome: (account, outcome) => metrics.profileRefetches.inc({ account, outcome }),
  });
  const messenger = new ConsoleMessenger({
    outbox,
    fakeIdOf: async (to) => (await identityStore.find(to.account, to.openId))?.fakeId ?? null,
    consoleOf: (accountId) => consoles.get(accountId)?.console,
    limiter: new SendRateLimiter(options.identity?.sendsPerMinute ?? SENDS_PER_MINUTE),
    log: logger,
  });
  const forgetting = new ForgetPerson({
    persons,
    profiles,
    visibility,
    followers: {
      // Every record of one follower of one account outside src/profiles, each step idempotent.
      async forgetFollower(accountId, openId, fakeId) {
        await outbox.discard({ account: accountId, openId });
        await languages.forget(accountId, openId);
        await staleProfiles.forget(accountId, fakeId);
        await identityStore.forget(accountId, openId, fakeId);
        // The beacon walk reads only ungrouped followers (docs/protocol.md §4.2): out of the
        // bot's group, the follower can be recognised afresh. Best effort: the console may be down.
        await consoles.get(accountId)?.console.moveToGroup(0, [fakeId]).catch((error: unknown) => {
          logger.warn({ accountId, reason: describeError(error) }, 'a forgotten follower stays in the console group of identified followers');
        });
      },
    },
  });
  const services = {
    commands: createCommandRegistry(options.extraCommands),
    messenger,
    identity,
    staleProfiles,
    persons,
    profiles,
    visibility,
    cards,
    links,
    forgetting,
    forgetRequests: new ForgetRequests(stores.cache),
    languages,
    identityWaitMs: Math.max(0, options.config.replyBudgetMs - IDENTITY_WAIT_RESERVE_MS),
    background,
    now,
  };
  const bot = new Bot(accounts, services, outbox);
  // Every kind is defined by now: workers may take jobs.
  background.run('start the job queue', () => jobs.start());
  // De-duplication goes on in this process while the shared cache is down; leases need the shared one.
  const seen = new FallbackCache(stores.cache, logger);
  const gate = new PushGate({
    seen,
    leases: stores.cache,
    log: logger,
    receiver: bot,
    budgetMs: options.config.replyBudgetMs,
    seenTtlMs: SEEN_TTL_MS,
  });
  const onPush = (record: PushRecord): void => {
    metrics.pushes.inc({ account: record.accountId, type: record.type, outcome: record.outcome });
    if (record.outcome !== 'rejected') metrics.replySeconds.observe({ account: record.accountId }, record.ms / 1000);
    if (record.outcome === 'late') metrics.pastBudget.inc({ account: record.accountId });
    options.onPush?.(record);
  };
  const webhooks = createWebhookRouter({ accounts: (id) => accounts.get(id), gate, logger, onPush });
  const app = createApp({
    webhooks,
    web: [createLinkRouter({ links, logger }), createMeRouter({ page: ownPage, logger })],
    logger,
    metrics: () => metrics.render(),
    readiness: () => checkReadiness(
        {
          cache: { store: stores.cache, kind: stores.backends.cache, required: false, whenDown: CACHE_DOWN },
          documents: { store: stores.documents, kind: stores.backends.documents },
        },
        accounts.list(),
        async (account) => {
          const vault = consoles.get(account.id)?.vault;
          if (!vault) return NO_CONSOLE;
          const block = await vault.loginBlock();
          return block ? `needs its owner: ${loginStopAdvice(account.id, block)}` : 'configured';
        },
      ),
  });
  return {
    app,
    gate,
    bot,
    outbox,
    identity,
    persons,
    profiles,
    background,
    metrics,
    jobs,
    async close() {
      await gate.drain();
      for (const { walker } of consoles.values()) walker.stop();
      await background.drain();
      await jobs.close();
      await seen.close();
      await stores.close();
    },
  };
}
