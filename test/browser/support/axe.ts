import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeResult {
  violations: { id: string; impact: string | null; targets: string[] }[]
  /** Rule id → how many nodes passed it: what axe did look at. */
  checked: Record<string, number>
}

/** Runs axe-core in the page on the elements `selector` matches (shadow trees included); loads axe first if needed. */
export async function runAxe(page: Page, selector: string): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async (include) => {
    type Result = { id: string; impact: string | null; nodes: { target: unknown }[] }
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe
    const results = await axe.run({ include: [[include]] })
    return {
      violations: results.violations.map(({ id, impact, nodes }) => ({
        id,
        impact,
        targets: nodes.map((node) => JSON.stringify(node.target)),
      })),
      checked: Object.fromEntries(results.passes.map(({ id, nodes }) => [id, nodes.length])),
    }
  }, selector)
}

/** The violations axe rates serious or critical. */
export const serious = ({ violations }: AxeResult) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
