import { IANAZone } from 'luxon';

// luxon's isValidZone builds an Intl.DateTimeFormat on every call; the planner asks thousands of
// times per second about the same few zones, so answers are remembered (a zone's validity never
// changes while the process runs). The cache is bounded so junk input cannot grow it.
const known = new Map<string, boolean>();

/** True for an IANA zone name this runtime knows, e.g. `Europe/London`. */
export function isTimeZone(zone: string): boolean {
  let valid = known.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (known.size < 1_000) known.set(zone, valid);
  }
  return valid;
}
