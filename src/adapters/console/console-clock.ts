import type { Clock } from '../../core/ports/clock.js';

/** Real time plus an offset that `advance <duration>` grows. */
export class ConsoleClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
}
