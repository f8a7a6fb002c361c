// Small statistics shared by the benchmark sections.
import { performance } from 'node:perf_hooks';

/** The middle value (the upper one for an even count); `values` is not modified. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time of `runs` synchronous calls of `fn`, in milliseconds. */
export function medianMs(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}
