/**
 * What changed on the platform, announced as it happens: the chat page's event stream
 * (`GET /_sandbox/events`) forwards these so the page can refetch what it shows. Payloads name
 * only what changed, never its content, and never a password or token.
 */

/** One change on the platform. */
export type PlatformEvent =
  /** A line was added to a person's chat with an account (see `ChatEntry`). */
  | { type: 'chat'; account: string; fakeId: string; seq: number }
  /** A message entered the console's message list (either direction). */
  | { type: 'message'; account: string; fakeId: string }
  | { type: 'follow' | 'unfollow'; account: string; fakeId: string }
  /** A person was added, or their profile changed (`PATCH /_sandbox/people/:fakeId`). */
  | { type: 'person'; fakeId: string }
  /** An account was added or changed (menu, banned flag). */
  | { type: 'account'; account: string }
  | { type: 'knobs' };

/** A listener of platform events. */
export type PlatformListener = (event: PlatformEvent) => void;

/**
 * A minimal synchronous event hub. Unlike a bare EventEmitter, a listener that throws cannot
 * break the state change that announced the event, and there is no listener-count warning when
 * many pages are open.
 */
export class PlatformEvents {
  private readonly listeners = new Set<PlatformListener>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: PlatformListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Tells every listener; a listener's error is swallowed (the state change already happened). */
  emit(event: PlatformEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken stream must not undo or interrupt the platform's own work.
      }
    }
  }

  /** How many listeners are attached (open event streams, mostly). */
  get size(): number {
    return this.listeners.size;
  }
}
