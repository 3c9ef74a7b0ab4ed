/** The signals that ask the process to stop: `kill` (SIGTERM, what orchestrators send) and Ctrl-C (SIGINT). */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Catches stop signals from the moment it is made, so a SIGTERM that arrives while the process
 * is still starting (or printing that it has started) becomes a clean stop once start-up is
 * done, instead of Node's default: death by signal, exit code 143. Make it before anything
 * announces the process, then hand it the stop routine with `onStop` when there is something to
 * stop. Only the first signal counts; later ones are ignored while the stop runs.
 */
export class StopSignals {
  private received: NodeJS.Signals | undefined;
  private handler: ((signal: NodeJS.Signals) => void) | undefined;
  private readonly listener = (signal: NodeJS.Signals): void => this.receive(signal);

  /**
   * @param whileStarting runs for a signal that comes before `onStop` (start-up still running),
   *   e.g. to bound how long a hung start-up may keep a stopping process alive.
   */
  constructor(
    private readonly whileStarting: (signal: NodeJS.Signals) => void = () => undefined,
    private readonly target: Pick<NodeJS.Process, 'on' | 'off'> = process,
  ) {
    for (const signal of STOP_SIGNALS) target.on(signal, this.listener);
  }

  /** The first stop signal received so far, if any. */
  get signal(): NodeJS.Signals | undefined {
    return this.received;
  }

  /** Runs `handler` on the first stop signal: at once when one came already, else when it comes. */
  onStop(handler: (signal: NodeJS.Signals) => void): void {
    this.handler = handler;
    if (this.received) handler(this.received);
  }

  /** Stops listening (tests; a process that stops by itself). */
  dispose(): void {
    for (const signal of STOP_SIGNALS) this.target.off(signal, this.listener);
  }

  private receive(signal: NodeJS.Signals): void {
    if (this.received) return;
    this.received = signal;
    if (this.handler) this.handler(signal);
    else this.whileStarting(signal);
  }
}
