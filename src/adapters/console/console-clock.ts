import type { Clock } from '../../core/ports/clock.js';

/**
 * Real time plus an offset that `advance <duration>` grows. The offset is stored (see
 * src/processes/console.ts), so a second run continues where the first stopped instead of going
 * back to today while the database already holds the future.
 */
export class ConsoleClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Never backwards: planned nudges and logged calls may already sit at a later time. */
  restore(offsetMs: number): void {
    this.offsetMs = Math.max(this.offsetMs, offsetMs);
  }

  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }

  moveTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - this.base());
  }
}
