import type { ConsoleApi } from '../../scrapers/console-api';
import type { FollowerGroup } from '../../scrapers/console-types';
import type { Cache } from '../stores/cache';

/** The name of the follower group the bot moves identified followers into. */
export const RESOLVED_GROUP_NAME = '联络已识别';

/**
 * The id of the account's "resolved" group (docs/protocol.md §4.2): found by name in the console's
 * group list, else created, once per account; the id is kept in the cache for good, so every
 * process and every restart reuses it.
 */
export class ResolvedGroup {
  private id: Promise<number> | undefined;

  constructor(
    private readonly accountId: string,
    private readonly console: ConsoleApi,
    private readonly cache: Cache,
  ) {}

  /** The group id; `groups` is the list the caller already read from a follower page, if any. */
  get(groups: readonly FollowerGroup[]): Promise<number> {
    this.id ??= this.lookUp(groups).catch((error: unknown) => {
      this.id = undefined;
      throw error;
    });
    return this.id;
  }

  private async lookUp(groups: readonly FollowerGroup[]): Promise<number> {
    const key = `console:${this.accountId}:resolved-group`;
    const cached = await this.cache.get(key);
    if (cached !== null) return Number(cached);
    const found = groups.find((g) => g.name === RESOLVED_GROUP_NAME);
    const id = found ? found.id : await this.console.createGroup(RESOLVED_GROUP_NAME);
    await this.cache.set(key, String(id));
    return id;
  }
}
