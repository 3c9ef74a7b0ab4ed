import type { Logger } from 'pino';
import { describeError } from '../errors';
import { CacheUnavailableError } from '../stores/cache';

/**
 * Work that outlives the push that started it (an answer sent once the sender is identified).
 * Errors are logged (the cache being unavailable at debug level), never thrown; `drain` waits
 * for what is running, for a clean shutdown.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(label: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => {
        // An outage of the shared cache is reported once where it is noticed (the gate's fallback, /readyz).
        const level = error instanceof CacheUnavailableError ? 'debug' : 'error';
        this.log[level]({ err: error, task: label }, `background task failed: ${describeError(error)}`);
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  get size(): number {
    return this.running.size;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
