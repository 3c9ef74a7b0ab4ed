import { CacheUnavailableError, type Cache } from './cache';
import { DuplicateKeyError, type DocumentStore } from './document-store';
import { migrationMarkerModel } from './migration-marker.model';

/** How a {@link runOnce} call ended. */
export type RunOnceOutcome = { ran: true; count: number } | { ran: false; reason: 'done-before' | 'running-elsewhere' };

export interface RunOnceOptions {
  documents: DocumentStore;
  cache: Cache;
  now: () => Date;
  /** How long the lock holds if its holder dies mid-task (default 10 minutes). */
  lockTtlMs?: number;
}

/**
 * Runs `task` once for the whole deployment: a marker document (`migrations`, unique by name)
 * says it is done, and the cache's lock keeps a second process starting at the same moment from
 * doing the same work twice (it returns `running-elsewhere` and goes on). The lock only saves
 * work: `task` must be idempotent, because it runs again when its process dies before the
 * marker is written, when the lock expires during a long run, and when the cache is down (then
 * it runs without the lock). `task` resolves to the number of records it went through.
 */
export async function runOnce(name: string, options: RunOnceOptions, task: () => Promise<number>): Promise<RunOnceOutcome> {
  const markers = options.documents.collection(migrationMarkerModel);
  if (await markers.findOne({ name })) return { ran: false, reason: 'done-before' };
  let lock;
  try {
    lock = await options.cache.lock(`once:${name}`, options.lockTtlMs ?? 600_000);
    if (lock === null) return { ran: false, reason: 'running-elsewhere' };
  } catch (error) {
    if (!(error instanceof CacheUnavailableError)) throw error;
  }
  try {
    // The holder before us may have finished between our look and our lock.
    if (await markers.findOne({ name })) return { ran: false, reason: 'done-before' };
    const count = await task();
    try {
      await markers.insertOne({ name, doneAt: options.now(), count });
    } catch (error) {
      // Run meanwhile without the lock (cache down, lock expired): done either way.
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    return { ran: true, count };
  } finally {
    await lock?.release().catch(() => false);
  }
}
