import { SERVICE_WORKER_CACHE, SERVICE_WORKER_PATH } from '../../sim'
import type { Evaluator } from '../drivers'

/**
 * Switches the simulator's cache-first service worker (test/sim/service-worker.ts) on from a
 * storefront page: registers it for scope / and resolves once it controls the page (it claims
 * its clients, so no reload is needed). Every later page of the origin in the context is
 * controlled too, until switchOffServiceWorker().
 * With `ignoreSearch`, it matches current.jwt by path alone, whatever parameters the URL has.
 */
export function switchOnServiceWorker(page: Evaluator, options: { ignoreSearch?: boolean } = {}): Promise<void> {
  const path = SERVICE_WORKER_PATH + (options.ignoreSearch ? '?ignore-search' : '')
  return page.evaluate(async (path) => {
    const container = navigator.serviceWorker
    const controlled = new Promise<void>((resolve) => {
      if (container.controller) return resolve()
      container.addEventListener('controllerchange', () => resolve(), { once: true })
    })
    await container.register(path, { scope: '/' })
    await container.ready
    await controlled
  }, path)
}

/**
 * Switches it off from a storefront page: unregisters every worker of the origin and deletes its
 * cache. A page it controls stays controlled until it navigates (as in any browser); with the
 * cache gone it answers from the network meanwhile.
 */
export function switchOffServiceWorker(page: Evaluator): Promise<void> {
  return page.evaluate(async (cache) => {
    const registrations = await navigator.serviceWorker.getRegistrations()
    await Promise.all(registrations.map((registration) => registration.unregister()))
    await caches.delete(cache)
  }, SERVICE_WORKER_CACHE)
}

/** Whether a service worker controls the page. */
export const controlledByServiceWorker = (page: Evaluator) => page.evaluate(() => !!navigator.serviceWorker.controller)
