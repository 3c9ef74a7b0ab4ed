import type { LoginBlock } from './console-errors';
import type { SavedSession } from './console-types';

/**
 * Where a console client keeps its session, shared by every process and kept across restarts.
 * The bot implements it over its cache (src/identity/cache-session-vault.ts); tests use
 * `MemorySessionVault`. The client never stores a password here.
 */
export interface SessionVault {
  load(): Promise<SavedSession | null>;
  save(session: SavedSession): Promise<void>;
  /** Forgets the session (it expired). */
  clear(): Promise<void>;
  /**
   * Runs `login` while holding this account's login lock, so one process logs in at a time.
   * When another holder has the lock, waits for it to finish and resolves with the session it
   * saved (or null), without calling `login`.
   */
  withLoginLock(login: () => Promise<SavedSession>): Promise<SavedSession | null>;
  /** The stop on automatic logins, if one is set. */
  loginBlock(): Promise<LoginBlock | null>;
  /** Stops automatic logins until the owner acts (new credentials clear it). */
  blockLogins(block: LoginBlock): Promise<void>;
}

/** An in-process vault: one process, no persistence. For tests and tools. */
export class MemorySessionVault implements SessionVault {
  private session: SavedSession | null = null;
  private block: LoginBlock | null = null;
  private running: Promise<SavedSession | null> | null = null;

  async load(): Promise<SavedSession | null> {
    return this.session;
  }
  async save(session: SavedSession): Promise<void> {
    this.session = session;
  }
  async clear(): Promise<void> {
    this.session = null;
  }
  withLoginLock(login: () => Promise<SavedSession>): Promise<SavedSession | null> {
    if (this.running) return this.running.catch(() => null);
    this.running = login().finally(() => {
      this.running = null;
    });
    return this.running;
  }
  async loginBlock(): Promise<LoginBlock | null> {
    return this.block;
  }
  async blockLogins(block: LoginBlock): Promise<void> {
    this.block = block;
  }
}
