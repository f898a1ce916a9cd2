// What a bench run is asked for on its command line (see bench/run.ts).
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

/** Simulated latency on both endpoints, ms. */
export const LATENCY = arg('latency', 50)
/** Page loads per measurement. */
export const RUNS = arg('runs', 40)
/** Tabs opened at once cold. */
export const TABS = arg('tabs', 5)
export const HOUR = 3_600_000
