/**
 * What the bot counts, in the Prometheus format (prom-client): one registry per running bot, so
 * tests that start several bots never share counters. Labels stay bounded: account ids come
 * from the configuration, types and outcomes from fixed lists; no openID or FakeID ever
 * becomes a label.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Reply latency buckets (seconds): the platform waits 5 s, the budget is 4.5 s by default. */
const REPLY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 4.5, 5];

export interface MetricsOptions {
  /** Add Node's process metrics (CPU, memory, event loop lag, GC): for the real server, not tests. */
  processMetrics?: boolean;
  /** Reads the outbox size when scraped; a failure leaves the gauge as it was. */
  outboxSize?: () => Promise<number>;
}

/** The bot's metrics and the registry that renders them. */
export class Metrics {
  readonly registry = new Registry();

  readonly pushes = new Counter({
    name: 'lianluo_pushes_total',
    help: 'Pushes received, by account, push type (text, event.subscribe, …; invalid when unreadable) and outcome (handled, late, duplicate, rejected, …).',
    labelNames: ['account', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly replySeconds = new Histogram({
    name: 'lianluo_reply_seconds',
    help: 'From a push arriving to its answer being sent, for pushes that reached the bot (rejected ones excluded).',
    labelNames: ['account'] as const,
    buckets: REPLY_BUCKETS,
    registers: [this.registry],
  });

  readonly pastBudget = new Counter({
    name: 'lianluo_replies_past_budget_total',
    help: 'Pushes whose reply missed the budget: answered "success", the reply sent later as an active message.',
    labelNames: ['account'] as const,
    registers: [this.registry],
  });

  readonly resolutions = new Counter({
    name: 'lianluo_identity_resolutions_total',
    help: 'Identity resolution steps, by strategy (known, time-match, beacon) and outcome (found, tied, already-tied, refused, undecided, not-found, failed).',
    labelNames: ['account', 'strategy', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consoleRequests = new Counter({
    name: 'lianluo_console_requests_total',
    help: 'Requests to the admin console, by endpoint (login, messages, followers, …) and outcome (ok, http_error, timeout, network_error).',
    labelNames: ['account', 'endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consoleSessions = new Counter({
    name: 'lianluo_console_session_events_total',
    help: 'Console session events: login, login-failed, expired.',
    labelNames: ['account', 'event'] as const,
    registers: [this.registry],
  });

  readonly identityLookups = new Counter({
    name: 'lianluo_identity_lookups_total',
    help: 'Looking up who an openID is: cache (hit), store (cache miss, found in the document store), unknown. Hit ratio = cache / all.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly profileRefetches = new Counter({
    name: 'lianluo_profile_refetches_total',
    help: 'Stale console profiles fetched again on a push, by outcome (refetched, failed, skipped: another process or an earlier push took it within the interval).',
    labelNames: ['account', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly outbox: Gauge;

  constructor(options: MetricsOptions = {}) {
    const { outboxSize } = options;
    this.outbox = new Gauge({
      name: 'lianluo_outbox_messages',
      help: 'Active messages waiting in the outbox (for the follower\'s next push, or for the console to accept them).',
      registers: [this.registry],
      async collect() {
        if (!outboxSize) return;
        try {
          this.set(await outboxSize());
        } catch {
          // The store is down: /readyz says so; the gauge keeps its last reading.
        }
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'lianluo_' });
  }

  /** The exposition text and its content type, for `GET /metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Reduces a console request outcome (`HTTP 200`, `timeout`, `network error (ECONNREFUSED)`) to a label. */
export function consoleOutcomeLabel(outcome: string): string {
  if (outcome === 'HTTP 200') return 'ok';
  if (outcome.startsWith('HTTP ')) return 'http_error';
  if (outcome === 'timeout') return 'timeout';
  return 'network_error';
}
