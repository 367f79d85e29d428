import type { Clock } from '../../../src/core/ports/clock.js';

/** The core's Clock port, standing still until a test moves it. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(at: Date | string) {
    this.current = new Date(at);
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}
