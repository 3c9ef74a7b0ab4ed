import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Command } from '../../src/bot/command';
import { composeLianluo, type ComposeOptions, type Lianluo } from '../../src/compose';
import type { Account } from '../../src/config/account';
import { MemoryCache } from '../../src/stores/memory-cache';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import type { Stores } from '../../src/stores/open-stores';

export const ACCOUNT: Account = { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain' };

/** Embedded stores over a fresh temporary directory (or `dataDir`, to simulate a restart). */
export function embeddedStores(dataDir = mkdtempSync(path.join(tmpdir(), 'lianluo-test-'))): Stores & { dataDir: string } {
  const cache = new MemoryCache();
  const documents = new NedbDocumentStore(dataDir);
  return {
    cache,
    documents,
    dataDir,
    backends: { cache: 'memory', documents: 'nedb' },
    async close() {
      await cache.close();
      await documents.close();
    },
  };
}

export interface TestBotOptions {
  accounts?: Account[];
  stores?: Stores;
  replyBudgetMs?: number;
  extraCommands?: Command[];
  identity?: ComposeOptions['identity'];
  /** The bot's clock (default: the real one; tests that age stored profiles move it). */
  now?: () => Date;
  /** PUBLIC_URL, the base of links in replies (default: http://localhost:3000). */
  publicUrl?: string;
  /** The bot's logger (default: silent). */
  logger?: Logger;
  profileRefreshDays?: number;
}

/** A fully wired bot over embedded stores, logging nothing unless given a logger. */
export function createTestBot(options: TestBotOptions = {}): Lianluo & { stores: Stores } {
  const stores = options.stores ?? embeddedStores();
  const lianluo = composeLianluo({
    config: { replyBudgetMs: options.replyBudgetMs ?? 4500, publicUrl: options.publicUrl, profileRefreshDays: options.profileRefreshDays },
    accounts: options.accounts ?? [ACCOUNT],
    stores,
    logger: options.logger ?? pino({ level: 'silent' }),
    extraCommands: options.extraCommands,
    identity: options.identity,
    now: options.now,
  });
  return { ...lianluo, stores };
}
