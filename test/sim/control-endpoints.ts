// `/__sim/*` on the storefront: the sim's own controls over HTTP, for the demo page and for a
// person poking at `npm start` with curl, where there is no Sim object to call.
import { type Exchange, isObject, sendJson } from './exchange'
import { SIM_TARGETS, type SimFault, type SimTarget } from './faults'
import { countRequests } from './request-log'
import type { SimState } from './state'

export type ControlHandlers = ReturnType<typeof controlHandlers>

export function controlHandlers(state: SimState) {
  const ok = (ex: Exchange) => sendJson(ex, 200, { ok: true })
  return {
    /** GET /__sim/stats: how many of each request the sim has seen. */
    stats(ex: Exchange): void {
      const count = (target: SimTarget) => countRequests(state.log, target)
      sendJson(
        ex,
        200,
        {
          currentJwt: count('current.jwt'),
          authorization: count('authorization'),
          graphql: count('graphql'),
          customerInfo: count('customerInfo'),
          userCompany: count('userCompany'),
        },
        { 'Cache-Control': 'no-store' },
      )
    },

    clearFaults(ex: Exchange): void {
      state.faults.clear()
      ok(ex)
    },

    expireTokens(ex: Exchange): void {
      state.tokens.expireAll()
      ok(ex)
    },

    /** POST /__sim/fault with {target, fault, times?}: sim.fault() over HTTP. */
    fault(ex: Exchange): void {
      const body = ex.entry.body
      const target = isObject(body) ? body.target : undefined
      const fault = isObject(body) ? body.fault : undefined
      const rawTimes = isObject(body) ? body.times : undefined
      // JSON has no Infinity: null or the string stand for it.
      const times = rawTimes === undefined ? 1 : rawTimes === null || rawTimes === 'Infinity' ? Infinity : Number(rawTimes)
      if (typeof target !== 'string' || !(SIM_TARGETS as readonly string[]).includes(target) || !isObject(fault) || !(times > 0)) {
        sendJson(ex, 400, { error: `expected {target: ${SIM_TARGETS.join('|')}, fault: {...}, times?: number|"Infinity"}` })
        return
      }
      state.faults.add(target as SimTarget, fault as SimFault, times)
      ok(ex)
    },

    unknown(ex: Exchange): void {
      sendJson(ex, 404, { error: 'unknown control endpoint' })
    },

    postOnly(ex: Exchange): void {
      sendJson(ex, 405, { error: 'POST only' })
    },
  }
}
