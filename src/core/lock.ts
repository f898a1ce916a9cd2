/**
 * The one cross-tab lock of the module: a mint stores, and a guest page clears, holding it. One
 * name for the whole origin, as the store holds one token for the whole origin.
 */
export const LOCK_NAME = 'stencil-b2b-auth'

/** How long a tab waits for another tab's flow when no deadline is given. */
export const LOCK_WAIT_MS = 5_000

/**
 * Runs `task` holding the cross-tab Web Lock `name`, so that tabs starting cold at once make one
 * mint between them. The lock is an optimisation, never a point of failure: where Web Locks are
 * missing, or the lock is not granted within `waitMs`, the task runs without it.
 */
export async function withLock<T>(name: string, task: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  let locks: LockManager | undefined
  try {
    locks = navigator.locks
  } catch {
    // A page (or an opaque origin) where merely reading navigator.locks throws.
  }
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

/**
 * Runs `task` once the lock is free, however long that takes; without Web Locks (missing, or
 * refused to this page), at once.
 */
export function whenLocked<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(navigator.locks.request(LOCK_NAME, task))).catch(task)
}
