/**
 * Phase 6, running beside the others: the RSS of each bot process (VmRSS), read four times a
 * second, before the phases, at its peak in each phase, and after the idle wait at the end.
 */
import { rssMb } from '../support/proc';
import type { Bot } from './cluster';

export interface MemorySummary {
  /** Per bot, MiB. A restarted process (A after the crash phase) starts its own count. */
  bots: Record<string, { before: number; peak: number; peakPhase: string; afterIdle: number; idleSeconds: number }>;
  /** The highest RSS of any bot in each phase, MiB. */
  peakByPhase: Record<string, number>;
}

export class MemoryWatch {
  private readonly before = new Map<string, number>();
  private readonly peak = new Map<string, { mb: number; phase: string }>();
  private readonly peakByPhase: Record<string, number> = {};
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly bots: Bot[]) {
    for (const bot of bots) this.before.set(bot.name, this.read(bot));
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  /** Names the phase the next samples belong to. */
  enter(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  /** Stops sampling and reads each bot once more (call after the idle wait). */
  finish(idleSeconds: number): MemorySummary {
    clearInterval(this.timer);
    const bots: MemorySummary['bots'] = {};
    for (const bot of this.bots) {
      const peak = this.peak.get(bot.name) ?? { mb: Number.NaN, phase: '–' };
      bots[bot.name] = { before: this.before.get(bot.name)!, peak: peak.mb, peakPhase: peak.phase, afterIdle: this.read(bot), idleSeconds };
    }
    return { bots, peakByPhase: this.peakByPhase };
  }

  private read(bot: Bot): number {
    return bot.child?.pid === undefined ? Number.NaN : rssMb(bot.child.pid);
  }

  private sample(): void {
    for (const bot of this.bots) {
      const mb = this.read(bot);
      if (Number.isNaN(mb)) continue;
      if (!(mb <= (this.peak.get(bot.name)?.mb ?? 0))) this.peak.set(bot.name, { mb, phase: this.phase });
      if (!(mb <= (this.peakByPhase[this.phase] ?? 0))) this.peakByPhase[this.phase] = mb;
    }
  }
}

export function describeMemory(s: MemorySummary): string {
  const rows = Object.entries(s.bots).map(
    ([name, m]) =>
      `  bot ${name}: before ${m.before.toFixed(0)} MiB, peak ${m.peak.toFixed(0)} MiB (${m.peakPhase}), after ${m.idleSeconds} s idle ${m.afterIdle.toFixed(0)} MiB`,
  );
  const phases = Object.entries(s.peakByPhase).map(([phase, mb]) => `${phase} ${mb.toFixed(0)}`).join(', ');
  return ['memory (RSS):', ...rows, `  peak by phase (MiB): ${phases}`, '  (A was restarted in the crash phase: its "before" is the first process, its after the second)'].join('\n');
}
