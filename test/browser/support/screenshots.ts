import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { decodePng, differingShare } from './png'

export const SHOTS = join(import.meta.dirname, '../__screenshots__')
/**
 * UPDATE_SCREENSHOTS=1 writes the references (missing or different) instead of failing: a
 * missing reference is otherwise a failure, or a deleted or never-committed file would pass.
 */
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1'
/** A pixel differs when a channel differs by more than this (of 255)... */
const CHANNEL_TOLERANCE = 16
/** ...and a screenshot differs when more than this share of its pixels do (0.1%). */
const PIXEL_TOLERANCE = 0.001

/**
 * Shoots until two screenshots in a row agree (as Playwright's toHaveScreenshot does), so a late
 * repaint is never what gets compared; then compares with __screenshots__/<name>.png, byte for
 * byte and, failing that, pixel by pixel with a small tolerance for anti-aliasing.
 */
export async function expectStableScreenshot(shoot: () => Promise<Buffer>, name: string): Promise<void> {
  let png = await shoot()
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const again = await shoot()
    if (again.equals(png)) break
    png = again
  }
  const file = join(SHOTS, `${name}.png`)
  const actual = join(tmpdir(), `${name}.actual.png`)
  const accept = () => {
    mkdirSync(SHOTS, { recursive: true })
    writeFileSync(file, png)
    console.info(`UPDATE_SCREENSHOTS=1 wrote ${file}`)
  }
  if (!existsSync(file)) {
    if (UPDATE) return accept()
    writeFileSync(actual, png)
    expect.fail(`${name}.png: no reference screenshot; this run's is ${actual} (UPDATE_SCREENSHOTS=1 npm test writes it)`)
  }
  const reference = readFileSync(file)
  if (png.equals(reference)) return
  const differing = differingShare(decodePng(png), decodePng(reference), CHANNEL_TOLERANCE)
  if (differing <= PIXEL_TOLERANCE) return
  if (UPDATE) return accept()
  writeFileSync(actual, png)
  expect.fail(
    `${name}.png: looks different (${(differing * 100).toFixed(2)}% of pixels); this run's screenshot is ${actual} (UPDATE_SCREENSHOTS=1 npm test accepts it)`,
  )
}
