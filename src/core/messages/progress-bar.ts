/** A text progress bar, e.g. `▰▰▰▱▱▱▱▱▱▱ 3/10`; used by the console and as a fallback everywhere. */
export function progressBar(value: number, target: number, width = 10): string {
  if (target <= 0) return '▱'.repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round((value / target) * width)));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

export function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}m`;
}
