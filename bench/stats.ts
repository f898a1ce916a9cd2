// The bench's arithmetic: nearest-rank percentiles and rounding for the printed tables.

/** The nearest-rank percentile `p` (0–100) of `values`; NaN for none. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits
