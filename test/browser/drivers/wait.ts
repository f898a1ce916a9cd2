import type { Evaluator, PageFunction } from './types'

/** Polls `fn(arg)` in the tab until it returns true (a boolean: a DOM node does not cross every driver); fails after `timeoutMs`. */
export async function waitFor<A>(tab: Evaluator, fn: PageFunction<A, boolean>, arg?: A, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await tab.evaluate(fn, arg)) return
    if (Date.now() > deadline) throw new Error(`waitFor: still false after ${timeoutMs} ms: ${String(fn)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
