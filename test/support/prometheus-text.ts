// Reads Prometheus' text exposition format (what GET /metrics answers) into samples, so tests can
// look at one series' value and at every label value of every series.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    if (!line || line.startsWith('#')) return [];
    const m = LINE.exec(line);
    if (!m) throw new Error(`not a metrics line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(LABEL)].map((l) => [l[1]!, l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))]));
    return [{ name: m[1]!, labels, value: Number(m[3]) }];
  });
}

/** The value of the one sample of `name` whose labels include `labels`; undefined when none. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** Sum over every sample of `name` whose labels include `labels` (0 when none). */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
}

/** Every label value of the trellis_* series that is not in its closed set ("le" is the histogram's own). */
export function labelsOutsideSets(samples: Sample[], sets: Record<string, readonly string[]>): string[] {
  return samples
    .filter((s) => s.name.startsWith('trellis_'))
    .flatMap((s) => Object.entries(s.labels).filter(([k, v]) => k !== 'le' && !sets[k]?.includes(v)).map(([k, v]) => `${s.name}{${k}="${v}"}`));
}
