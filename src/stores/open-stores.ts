import type { Logger } from 'pino';
import type { Cache } from './cache';
import type { DocumentStore } from './document-store';
import { MemoryCache } from './memory-cache';
import { MongoDocumentStore } from './mongo-document-store';
import { NedbDocumentStore } from './nedb-document-store';
import { RedisCache } from './redis-cache';

/** The two stores, with the backend each one uses (shown by `/readyz`). */
export interface Stores {
  cache: Cache;
  documents: DocumentStore;
  /** Which backend each store runs on, in words. */
  backends: { cache: string; documents: string };
  close(): Promise<void>;
}

/**
 * Opens the stores the configuration names: Redis and MongoDB when their URLs are set, else
 * the embedded in-process cache and the on-disk store under `dataDir` (or, for the demo, a
 * store in memory). The only place that connects to either.
 */
export async function openStores(
  config: { redisUrl?: string; mongodbUri?: string; dataDir: string },
  logger: Logger,
  options: { inMemoryDocuments?: boolean } = {},
): Promise<Stores> {
  const cache: Cache = config.redisUrl ? new RedisCache(config.redisUrl) : new MemoryCache();
  const documents: DocumentStore = config.mongodbUri
    ? await MongoDocumentStore.connect(config.mongodbUri)
    : options.inMemoryDocuments ? NedbDocumentStore.inMemory() : new NedbDocumentStore(config.dataDir);
  const embeddedDocuments = options.inMemoryDocuments ? 'in memory, forgotten on exit' : config.dataDir;
  const backends = {
    cache: config.redisUrl ? 'redis' : 'embedded (in-process; set REDIS_URL for Redis)',
    documents: config.mongodbUri ? 'mongodb' : `embedded (${embeddedDocuments}; set MONGODB_URI for MongoDB)`,
  };
  logger.info(backends, 'stores opened');
  return {
    cache,
    documents,
    backends,
    async close() {
      await Promise.allSettled([cache.close(), documents.close()]);
    },
  };
}
