import type { EnvConfig } from '../../src/config/env-config';
import type { Cache } from '../../src/stores/cache';
import { MemoryCache } from '../../src/stores/memory-cache';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import type { Stores } from '../../src/stores/open-stores';

/**
 * Stores for in-process CLI runs that share one in-memory cache, as separate runs share Redis:
 * each run gets its own document store under DATA_DIR, and closing a run leaves the cache open.
 * `shared.close()` closes it at the end.
 */
export function sharedCacheStores(): { open: (config: EnvConfig) => Promise<Stores>; shared: Cache } {
  const shared = new MemoryCache();
  const open = async (config: EnvConfig): Promise<Stores> => {
    const documents = new NedbDocumentStore(config.dataDir);
    return {
      cache: shared,
      documents,
      backends: { cache: 'memory (shared by the test)', documents: 'nedb' },
      close: () => documents.close(),
    };
  };
  return { open, shared };
}
