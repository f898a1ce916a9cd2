// Counting what reached the sim: how tests (and /__sim/stats) assert that a cached token spared a
// request, or that a retry happened exactly once.
import type { SimRequest } from './exchange'
import type { SimTarget } from './faults'
import { CURRENT_JWT_PATH } from './fixtures'

/** See Sim.count. */
export function countRequests(log: readonly SimRequest[], target: SimTarget | (string & {})): number {
  if (target === 'current.jwt')
    return log.filter((e) => e.server === 'storefront' && e.method === 'GET' && e.path === CURRENT_JWT_PATH).length
  if (target === 'graphql') return log.filter((e) => e.server === 'b2b' && e.method === 'POST').length
  if (target === 'login-token') return log.filter((e) => e.server === 'storefront' && e.path.startsWith('/login/token/')).length
  if (target.startsWith('/')) return log.filter((e) => e.path === target).length
  return log.filter((e) => e.server === 'b2b' && e.method === 'POST' && (e.operation ?? '').split(',').includes(target)).length
}
