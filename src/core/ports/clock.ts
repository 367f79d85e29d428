/** The only source of "now" in the core; production uses the system clock, the console and tests move it. */
export interface Clock {
  now(): Date;
}
