import { afterEach, expect } from 'vitest'

/** A harness that records the uncaught errors and unhandled rejections of its pages. */
export interface PageErrorSource {
  /** useBrowser() collects them as they come; a driver harness (useDriver()) reads them from its tabs. */
  pageErrors: string[] | (() => Promise<string[]>)
}

/** The pages of the test never saw an uncaught error or an unhandled rejection. */
export async function expectNoPageErrors(h: PageErrorSource): Promise<void> {
  expect(typeof h.pageErrors === 'function' ? await h.pageErrors() : h.pageErrors).toEqual([])
}

/** After every test of the file: expectNoPageErrors(h). */
export function failOnPageErrors(h: PageErrorSource): void {
  afterEach(() => expectNoPageErrors(h))
}
