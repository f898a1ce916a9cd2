import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIM_ASSUMPTIONS } from '../sim/assumptions'

describe('the simulator marks every behaviour without a public source in one place', () => {
  // Every file of the simulator but the list itself: a marker may sit in any of them.
  const dir = join(import.meta.dirname, '../sim')
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'assumptions.ts')
  const source = files.map((name) => readFileSync(join(dir, name), 'utf8')).join('\n')
  const referenced = new Set([...source.matchAll(/Assumptions? (A\d+(?:, A\d+)*)/g)].flatMap((m) => m[1]!.split(', ')))

  it('every assumption listed is implemented somewhere, and every one referenced is listed', () => {
    expect([...referenced].sort()).toEqual(Object.keys(SIM_ASSUMPTIONS).sort())
  })

  it('no behaviour is marked as an assumption anywhere else', () => {
    expect(source).not.toMatch(/Sim assumption/i)
  })
})
