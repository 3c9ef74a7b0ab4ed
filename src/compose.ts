import type { Express } from 'express';
import type { Logger } from 'pino';
import { PushGate } from '../webhooks/push-gate';
import { createWebhookRouter, type PushRecord } from '../webhooks/webhook-router';
import { createApp } from './app';
import { Bot } from './bot/bot';
import type { Command } from './bot/command';
import { CommandRegistry } from './bot/command-registry';
import { AccountDirectory, type Account } from './config/account';
import type { EnvConfig } from './config/env-config';
import { helpCommand } from './commands/help.commands';
import { whoamiCommand } from './commands/whoami.commands';
import { OutboxMessenger } from './outbox/active-messenger';
import { Outbox } from './outbox/outbox';
import { checkReadiness } from './readiness';
import type { Stores } from './stores/open-stores';

/** A push stays marked as seen (with its reply) this long: the platform retries within ~15 s (3 tries of 5 s). */
const SEEN_TTL_MS = 60 * 1000;

/** Every command the bot answers; each domain adds its own here. */
export function createCommandRegistry(extra: readonly Command[] = []): CommandRegistry {
  return new CommandRegistry().register(helpCommand, whoamiCommand, ...extra);
}

/** The running pieces of one bot, wired together. */
export interface Lianluo {
  app: Express;
  gate: PushGate;
  bot: Bot;
  outbox: Outbox;
  /** Waits for in-flight push work, then closes the stores. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  config: Pick<EnvConfig, 'replyBudgetMs'>;
  accounts: readonly Account[];
  stores: Stores;
  logger: Logger;
  now?: () => Date;
  /** Commands beyond the built-in ones (tests add probes here). */
  extraCommands?: readonly Command[];
  onPush?: (record: PushRecord) => void;
}

/**
 * The composition root's wiring, without any connecting: `main.ts` opens the stores and calls
 * this; tests call it with their own stores and clock.
 */
export function composeLianluo(options: ComposeOptions): Lianluo {
  const { stores, logger, now = () => new Date() } = options;
  const accounts = new AccountDirectory(options.accounts);
  const outbox = new Outbox(stores.documents, stores.cache, now);
  const services = { commands: createCommandRegistry(options.extraCommands), messenger: new OutboxMessenger(outbox), now };
  const bot = new Bot(accounts, services, outbox);
  const gate = new PushGate({
    seen: stores.cache,
    receiver: bot,
    budgetMs: options.config.replyBudgetMs,
    seenTtlMs: SEEN_TTL_MS,
  });
  const webhooks = createWebhookRouter({ accounts: (id) => accounts.get(id), gate, logger, onPush: options.onPush });
  const app = createApp({
    webhooks,
    logger,
    readiness: () => checkReadiness(
        {
          cache: { store: stores.cache, kind: stores.backends.cache },
          documents: { store: stores.documents, kind: stores.backends.documents },
        },
        accounts.list(),
      ),
  });
  return {
    app,
    gate,
    bot,
    outbox,
    async close() {
      await gate.drain();
      await stores.close();
    },
  };
}
