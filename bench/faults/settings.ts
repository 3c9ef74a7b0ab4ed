/**
 * The benchmark's knobs, read once from the environment. FAULTS_QUICK=1 shortens every phase
 * to a few seconds for development; the full run takes about three minutes.
 */
const quick = ['1', 'true', 'yes'].includes(process.env.FAULTS_QUICK ?? '');

const num = (name: string, full: number, short: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return quick ? short : full;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not "${value}"`);
  return n;
};

export const settings = {
  quick,
  redisPort: num('FAULTS_REDIS_PORT', 6391, 6391),
  /** Hostile requests, and how many are in flight at once. */
  fuzzRequests: num('FAULTS_FUZZ', 10_000, 600),
  fuzzConcurrency: num('FAULTS_FUZZ_CONCURRENCY', 32, 16),
  /** Pushes sent as three copies each, and how many pushes are in flight at once. */
  copies: num('FAULTS_COPIES', 1_000, 60),
  copiesConcurrency: num('FAULTS_COPIES_CONCURRENCY', 40, 20),
  /** The third copy follows the first two after this long, so copies are answered in different seconds. */
  copyStaggerMs: num('FAULTS_COPY_STAGGER_MS', 1_100, 1_100),
  /** Redis outage: steady rate, total length, when Redis is killed and for how long. */
  outageRate: num('FAULTS_OUTAGE_RATE', 50, 30),
  outageSeconds: num('FAULTS_OUTAGE_SECONDS', 25, 9),
  outageKillAt: num('FAULTS_OUTAGE_KILL_AT', 5, 2),
  outageDownSeconds: num('FAULTS_OUTAGE_DOWN', 10, 3),
  /** Crash: closed-loop pushes in flight on A, when A is killed, how long the load lasts. */
  crashConcurrency: num('FAULTS_CRASH_CONCURRENCY', 32, 16),
  crashKillAt: num('FAULTS_CRASH_KILL_AT', 5, 2),
  crashSeconds: num('FAULTS_CRASH_SECONDS', 10, 4),
  /** Platform retries after a push that got no answer, and the wait between tries. */
  retries: num('FAULTS_RETRIES', 3, 3),
  retryGapMs: num('FAULTS_RETRY_GAP_MS', 5_000, 5_000),
  /** Slow clients: sockets trickling a body at 1 byte/s, for how long, and normal pushes per second beside them. */
  slowClients: num('FAULTS_SLOW_CLIENTS', 200, 50),
  slowSeconds: num('FAULTS_SLOW_SECONDS', 30, 6),
  slowNormalRate: num('FAULTS_SLOW_NORMAL_RATE', 50, 30),
  /** Memory: idle time before the last RSS reading. */
  idleSeconds: num('FAULTS_IDLE_SECONDS', 20, 3),
};
