import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { EnvConfig } from '../config/env-config';
import { describeError } from '../errors';
import type { Cache } from '../stores/cache';
import { openStores, type Stores } from '../stores/open-stores';
import type { CliContext } from './cli-context';
import type { DoctorCheck } from './doctor-check';
import { DoctorProbeModel } from './doctor-probe.model';
import { withoutCredentials } from './secrets';

/** A store step that does not answer in this time fails the check rather than hanging it. */
const STORE_TIMEOUT_MS = 5_000;

/**
 * Opens the stores the running configuration would use (the demo's documents in memory, as
 * `npm start` keeps them), probes each with a real write, read and delete, then hands the cache
 * to `use` (null when it failed or the stores did not open) and closes the stores. Whatever the
 * probe created on disk (the probe collection's file, the data folder) is removed afterwards.
 */
export async function withProbedStores(
  ctx: CliContext,
  config: EnvConfig,
  demo: boolean,
  checks: DoctorCheck[],
  use: (cache: Cache | null) => Promise<void>,
): Promise<void> {
  const leftovers = config.mongodbUri || demo ? [] : probeFilesToRemove(config.dataDir);
  let stores: Stores;
  try {
    const open = ctx.openStores ?? defaultOpenStores;
    stores = await withTimeout(open(config, { inMemoryDocuments: demo }), STORE_TIMEOUT_MS * 3, 'opening the stores');
  } catch (error) {
    checks.push({ name: 'stores', verdict: 'fail', detail: `cannot open: ${describeError(error)}`, fix: 'check REDIS_URL and MONGODB_URI, and that those servers run' });
    await use(null);
    return;
  }
  try {
    const cacheOk = await checkCache(stores, config, checks);
    await checkDocuments(stores, config, demo, checks);
    await use(cacheOk ? stores.cache : null);
  } finally {
    await stores.close();
    // After close: the embedded store writes its files as it closes.
    for (const item of leftovers) await (item.folder ? rmdir(item.path) : rm(item.path, { force: true })).catch(() => undefined);
  }
}

/**
 * What the embedded store's probe would leave that was not there before: the probe
 * collection's file (and the temp file the store writes beside it), and the data folder when
 * doctor would be the one to create it (removed only if empty).
 */
function probeFilesToRemove(dataDir: string): Array<{ path: string; folder: boolean }> {
  const file = path.join(dataDir, `${DoctorProbeModel.name}.db`);
  const items: Array<{ path: string; folder: boolean }> = [];
  if (!existsSync(file)) items.push({ path: file, folder: false }, { path: `${file}~`, folder: false });
  if (!existsSync(dataDir)) items.push({ path: dataDir, folder: true });
  return items;
}

async function checkCache(stores: Stores, config: EnvConfig, checks: DoctorCheck[]): Promise<boolean> {
  const where = config.redisUrl ? `redis at ${withoutCredentials(config.redisUrl)}` : 'embedded (in-process)';
  const key = `doctor:probe:${randomBytes(6).toString('hex')}`;
  try {
    await withTimeout(stores.cache.set(key, 'ok', 60_000), STORE_TIMEOUT_MS, 'cache write');
    const read = await withTimeout(stores.cache.get(key), STORE_TIMEOUT_MS, 'cache read');
    await withTimeout(stores.cache.delete(key), STORE_TIMEOUT_MS, 'cache delete');
    if (read !== 'ok') throw new Error('a value written could not be read back');
    const note = config.redisUrl ? '' : '; shared with no other process, so the console checks below use their own session, not the bot\'s';
    checks.push({ name: 'cache', verdict: 'ok', detail: `${where}: write, read and delete work${note}` });
    return true;
  } catch (error) {
    checks.push({ name: 'cache', verdict: 'fail', detail: `${where}: ${describeError(error)}`, fix: 'check REDIS_URL and that Redis runs (or unset it for the embedded cache)' });
    return false;
  }
}

async function checkDocuments(stores: Stores, config: EnvConfig, demo: boolean, checks: DoctorCheck[]): Promise<void> {
  const where = documentsPlace(config, demo);
  try {
    const probes = stores.documents.collection(DoctorProbeModel);
    const probe = randomBytes(6).toString('hex');
    await withTimeout(probes.insertOne({ probe, at: new Date() }), STORE_TIMEOUT_MS, 'document write');
    const found = await withTimeout(probes.findOne({ probe }), STORE_TIMEOUT_MS, 'document read');
    await withTimeout(probes.deleteOne({ probe }), STORE_TIMEOUT_MS, 'document delete');
    if (found?.probe !== probe) throw new Error('a document written could not be read back');
    checks.push({ name: 'document store', verdict: 'ok', detail: `${where}: write, read and delete work` });
  } catch (error) {
    const fix = config.mongodbUri ? 'check MONGODB_URI and that MongoDB runs' : `make DATA_DIR (${config.dataDir}) a writable folder`;
    checks.push({ name: 'document store', verdict: 'fail', detail: `${where}: ${describeError(error)}`, fix });
  }
}

/** Where this configuration keeps its documents, in words (no credentials). */
export function documentsPlace(config: EnvConfig, demo: boolean): string {
  if (config.mongodbUri) return `mongodb at ${withoutCredentials(config.mongodbUri)}`;
  return demo ? 'embedded (in memory, as the demo keeps them)' : `embedded (${config.dataDir})`;
}

function defaultOpenStores(config: EnvConfig, options: { inMemoryDocuments: boolean }): Promise<Stores> {
  return openStores(config, pino({ level: 'silent' }), options);
}

/** `promise`, or a rejection naming `what` after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
