import { vi } from 'vitest'

/**
 * navigator.locks, which happy-dom lacks: exclusive locks granted in request order, and a
 * request whose signal aborts while it waits rejects with an AbortError, as the spec says.
 */
export function fakeLocks() {
  const queues = new Map<string, Promise<unknown>>()
  const granted: string[] = []
  const locks = {
    request<T>(name: string, optionsOrTask: { signal?: AbortSignal } | (() => Promise<T>), maybeTask?: () => Promise<T>) {
      const task = typeof optionsOrTask === 'function' ? optionsOrTask : maybeTask!
      const signal = typeof optionsOrTask === 'function' ? undefined : optionsOrTask.signal
      const before = queues.get(name) ?? Promise.resolve()
      let aborted = false
      const result = new Promise<T>((resolve, reject) => {
        signal?.addEventListener('abort', () => {
          aborted = true
          reject(new DOMException('The request was aborted.', 'AbortError'))
        })
        void before.then(() => {
          if (aborted) return
          granted.push(name)
          task().then(resolve, reject)
        })
      })
      queues.set(
        name,
        result.then(
          () => {},
          () => {},
        ),
      )
      return result
    },
  }
  vi.stubGlobal('navigator', Object.create(navigator, { locks: { value: locks } }))
  return { granted }
}
