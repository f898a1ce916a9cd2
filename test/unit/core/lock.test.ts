import { describe, expect, it, vi } from 'vitest'
import { withLock } from '../../../src/core/lock'
import { fakeLocks } from '../support/fake-locks'

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('withLock', () => {
  it('runs the task directly where Web Locks are missing', async () => {
    expect(await withLock('name', async () => 'done')).toBe('done')
  })

  it('runs tasks of the same name one after the other', async () => {
    const { granted } = fakeLocks()
    const order: string[] = []
    await Promise.all([
      withLock('n', async () => {
        order.push('a starts')
        await later(20)
        order.push('a ends')
      }),
      withLock('n', async () => {
        order.push('b runs')
      }),
    ])
    expect(order).toEqual(['a starts', 'a ends', 'b runs'])
    expect(granted).toEqual(['n', 'n'])
  })

  it('goes on without the lock when it is not granted in time, rather than hang', async () => {
    fakeLocks()
    let release!: () => void
    void withLock('n', () => new Promise<void>((resolve) => (release = resolve)))
    const second = vi.fn(async () => 'ran anyway')
    expect(await withLock('n', second, 30)).toBe('ran anyway')
    expect(second).toHaveBeenCalledTimes(1)
    release()
  })

  it('passes on a failure of the task, without running it twice', async () => {
    fakeLocks()
    const task = vi.fn(async () => {
      throw new Error('mint failed')
    })
    await expect(withLock('n', task)).rejects.toThrow('mint failed')
    expect(task).toHaveBeenCalledTimes(1)
  })
})
