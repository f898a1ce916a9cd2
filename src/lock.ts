/** How long a tab waits for another tab's flow before going on without the lock. */
export const LOCK_WAIT_MS = 5_000

/**
 * Runs `task` holding the cross-tab Web Lock `name`, so that tabs starting cold at once make one
 * mint between them. The lock is an optimisation, never a point of failure: where Web Locks are
 * missing, or the lock is not granted within `waitMs`, the task runs without it.
 */
export async function withLock<T>(name: string, task: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined
  if (!locks) return task()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), waitMs)
  let granted = false
  try {
    return await locks.request(name, { signal: controller.signal }, () => {
      granted = true
      clearTimeout(timer)
      return task()
    })
  } catch (error) {
    if (granted) throw error
    return task()
  } finally {
    clearTimeout(timer)
  }
}
