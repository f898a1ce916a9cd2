import type { Engine, GetTokenOptions, Mode } from '../core/contract'
import type { UncheckedConfig } from '../core/config'
import { trace } from '../core/debug'
import { B2BAuthError } from '../core/errors'
import { toB2BAuthError } from './to-b2b-auth-error'
import { isFresh, needsRenewal } from '../core/expiry'
import { fingerprint } from '../core/secrets'
import { fits, type TokenRecord } from '../core/token-record'
import { obtainToken, type Outcome } from './obtain-token'
import { adopt, dropHeld, fail, fly, markStale, settle, takeOff, wipeForGuest } from '../core/state'

const noop = () => {}

/** getB2BToken() beyond the warm path: one shared flow, renewal ahead of expiry, forced refresh. */
export async function getToken(engine: Engine, options: GetTokenOptions = {}): Promise<string | null> {
  const { signal } = options
  if (signal?.aborted) {
    // Aborted while IndexedDB was read, with nothing else running: not loading any more.
    if (engine.status.state == 'loading' && !engine.flight) settle(engine, 'idle')
    throw aborted()
  }
  const cfg = engine.readConfig()
  if (cfg.customerId === null && !engine.hintStale) return wipeForGuest(engine)
  const { held } = engine
  if (options.forceRefresh) return abortable(join(engine, cfg, modeOf('force', held?.token)), signal)
  if (held && fits(held, cfg, engine.hintStale) && isFresh(held)) {
    // The token being renewed is never the answer, from the Buyer Portal or anywhere.
    if (needsRenewal(held)) join(engine, cfg, modeOf('renew', held.token)).catch(noop)
    return held.token
  }
  return abortable(join(engine, cfg, modeOf('plain')), signal)
}

/**
 * Every caller on the page shares one flow. A stronger request (force over renew over plain)
 * waits for a weaker one to finish and then runs its own: the weaker may hand back the very token
 * being replaced.
 */
export function join(engine: Engine, cfg: UncheckedConfig, mode: Mode): Promise<string | null> {
  const { flight } = engine
  if (flight && strength(flight.mode) >= strength(mode)) return flight.promise
  const started = engine.epoch
  const turn = flight ? flight.promise.then(noop, noop) : Promise.resolve()
  const promise = turn.then(() => run(engine, cfg, mode, started))
  fly(engine, promise, mode)
  return promise
}

/**
 * One flow, in four steps: say it is running; obtain a token (a stored one, or a mint); drop the
 * result if a clear, a sign-out or new settings superseded the flow meanwhile (and start over for
 * the caller); then hold what came, a token or a guest.
 */
async function run(engine: Engine, cfg: UncheckedConfig, mode: Mode, started: number): Promise<string | null> {
  const superseded = () => started !== engine.epoch
  if (superseded()) return getToken(engine)
  takeOff(engine)
  const since = performance.now()
  trace(`${mode.kind} flow for customer ${cfg.customerId ?? '?'}, channel ${cfg.channelId}`)
  let outcome: Outcome
  try {
    outcome = await obtain(engine, cfg, mode, superseded)
  } catch (error) {
    // Thrown away by a clear, a sign-out or new settings: its failure is not the caller's answer.
    if (superseded()) return getToken(engine)
    const failure = toB2BAuthError(error)
    fail(engine, failure)
    console.warn(`[b2b-auth] ${failure.code}: ${failure.message}`)
    throw failure
  }
  if (superseded() || outcome === 'superseded') return getToken(engine)
  if (outcome === 'guest') return becomeGuest(engine, cfg)
  trace(`ready: token ${fingerprint(outcome.token)} for customer ${outcome.customerId}`, since)
  return hold(engine, cfg, mode, outcome)
}

/** A token of the page's customer that another tab stored, else a mint (obtain-token.ts). */
async function obtain(engine: Engine, cfg: UncheckedConfig, mode: Mode, superseded: () => boolean): Promise<Outcome> {
  // Whom the page was rendered for, unless shown stale; `hinted` also not for a forced refresh.
  const claimedId = (!engine.hintStale && cfg.customerId) || undefined
  const hinted = (mode.kind !== 'force' && claimedId) || undefined
  const cached = async (customerId: string) => {
    const record = await engine.cached(cfg, customerId)
    if (mode.kind === 'renew' && record && needsRenewal(record)) return undefined
    if (mode.kind === 'force' && (!mode.replacing || record?.token === mode.replacing)) return undefined
    return record
  }
  return (hinted && (await cached(hinted))) || obtainToken(cfg, mode, { engine, hinted, claimedId, cached, superseded })
}

function becomeGuest(engine: Engine, cfg: UncheckedConfig): null {
  dropHeld(engine)
  // current.jwt confirmed a guest-rendered page's hint (signIn() had made it stale): later calls
  // are served as a guest page's, with no request.
  if (cfg.customerId === null) markStale(engine, false)
  settle(engine, 'guest')
  return null
}

function hold(engine: Engine, cfg: UncheckedConfig, mode: Mode, record: TokenRecord): string {
  // The live session outranks the page's data-customer-id (a stale page, a bfcache restore); set
  // before the status is published, for a listener that asks for the token at once.
  markStale(engine, cfg.customerId !== undefined && record.customerId !== cfg.customerId)
  adopt(engine, record)
  if (mode.kind === 'plain' && needsRenewal(record)) join(engine, cfg, modeOf('renew', record.token)).catch(noop)
  return record.token
}

// Every field set, none left to Object.prototype.
export const modeOf = (kind: Mode['kind'], replacing?: string, waiveCooldown = false): Mode => ({ kind, replacing, waiveCooldown })

function strength(mode: Mode): number {
  return mode.kind === 'force' ? 2 : mode.kind === 'renew' ? 1 : 0
}

function aborted(): B2BAuthError {
  return new B2BAuthError('aborted', 'getB2BToken() was aborted by its caller')
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted())
    signal.addEventListener('abort', onAbort, { once: true })
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
