import { b2bGraphQL as request, type B2BGraphQLOptions } from './b2b-graphql'
import { followPortal } from './buyer-portal'
import type { Config } from './config'
import { B2BAuthError, isB2BAuthError, toB2BAuthError } from './errors'
import { trace } from './debug'
import { isFresh, needsRenewal } from './expiry'
import { mint, type Outcome } from './mint'
import { own } from './own'
import { fingerprint } from './secrets'
import { fits, type GetTokenOptions, type Mode, type SessionCore } from './session'
import { readTabMessage } from './tab-sync'

// The flow chunk: everything the engine does besides serving a cached token. Loaded on the first
// cache miss, tab message or wake-up that needs work; built to stand alone (see vite.config.ts).

const noop = () => {}

/** getB2BToken() beyond the warm path: one shared flow, renewal ahead of expiry, forced refresh. */
export async function getToken(core: SessionCore, options: GetTokenOptions = {}): Promise<string | null> {
  const { signal } = options
  if (signal?.aborted) {
    // Aborted while IndexedDB was read, with nothing else running: not loading any more.
    if (core.status.state == 'loading' && !core.flight) core.settle('idle')
    throw aborted()
  }
  const cfg = core.current()
  if (cfg.customerId === null && !core.hintStale) return core.guestPage()
  // The Buyer Portal signed out (its on-logout): forget the token in every tab, and let
  // current.jwt, not the page's data-customer-id, say who is signed in from now on.
  followPortal(() => clear(core).then(() => (core.hintStale = !!cfg.customerId)))
  const { held } = core
  if (options.forceRefresh) return abortable(join(core, cfg, modeOf('force', held?.token)), signal)
  if (held && fits(held, cfg, core.hintStale) && isFresh(held)) {
    // The token being renewed is never the answer, from the Buyer Portal or anywhere.
    if (needsRenewal(held)) join(core, cfg, modeOf('renew', held.token)).catch(noop)
    return held.token
  }
  return abortable(join(core, cfg, modeOf('plain')), signal)
}

// Every caller on the page shares one flow. A stronger request (force over renew over plain)
// waits for a weaker one to finish and then runs its own: the weaker may hand back the very
// token being replaced.
function join(core: SessionCore, cfg: Config, mode: Mode): Promise<string | null> {
  const { flight } = core
  if (flight && strength(flight.mode) >= strength(mode)) return flight.promise
  const started = core.epoch
  const promise = (flight ? flight.promise.then(noop, noop) : Promise.resolve()).then(() => run(core, cfg, mode, started))
  const entry = { promise, mode }
  core.flight = entry
  const done = () => {
    if (core.flight === entry) core.flight = undefined
  }
  promise.then(done, done)
  return promise
}

async function run(core: SessionCore, cfg: Config, mode: Mode, started: number): Promise<string | null> {
  // Superseded (clear, sign-out, another customer) before or while running: start over.
  const superseded = () => started !== core.epoch
  if (superseded()) return getToken(core)
  const serving = core.held && isFresh(core.held)
  core.publish(serving ? { refreshing: true } : { state: 'loading', refreshing: true, error: null })
  let outcome: Outcome
  const since = performance.now()
  trace(`${mode.kind} flow for ${cfg.customerId ?? 'an unknown customer'}, channel ${cfg.channelId}`)
  try {
    const hinted = (mode.kind !== 'force' && !core.hintStale && cfg.customerId) || undefined
    const cached = async (customerId: string) => {
      const record = await core.cached(cfg, customerId)
      if (mode.kind === 'renew' && record && needsRenewal(record)) return undefined
      if (mode.kind === 'force' && (!mode.replacing || record?.token === mode.replacing)) return undefined
      return record
    }
    const claimed = (!core.hintStale && cfg.customerId) || undefined
    outcome =
      (hinted && (await cached(hinted))) ||
      (await mint(cfg, mode, { store: core.store, tabs: core.tabs, hinted, claimed, cached, superseded }))
    if (isB2BAuthError(outcome)) throw outcome
  } catch (error) {
    // Thrown away by a clear, a sign-out or new settings: its failure is not the caller's answer.
    if (superseded()) return getToken(core)
    const failure = toB2BAuthError(error)
    const stillValid = core.held && isFresh(core.held)
    core.publish({
      state: stillValid ? 'ready' : 'error',
      refreshing: false,
      error: { code: failure.code, message: failure.message },
    })
    console.warn(`[b2b-auth] ${failure.code}: ${failure.message}`)
    throw failure
  }
  if (superseded() || outcome === 'superseded') return getToken(core)
  if (outcome === 'guest') {
    core.held = undefined
    // current.jwt confirmed a guest-rendered page's hint (signIn() had made it stale): later
    // calls are served as a guest page's, with no request.
    if (cfg.customerId === null) core.hintStale = false
    core.settle('guest')
    return null
  }
  trace(`ready: token ${fingerprint(outcome.token)} for customer ${outcome.customerId}`, since)
  core.held = outcome
  // The live session outranks the page's data-customer-id (a stale page, a bfcache restore).
  core.hintStale = cfg.customerId !== undefined && outcome.customerId !== cfg.customerId
  core.settle('ready', outcome)
  if (mode.kind === 'plain' && needsRenewal(outcome)) join(core, cfg, modeOf('renew', outcome.token)).catch(noop)
  return outcome.token
}

/** Another tab minted or cleared: follow at once, without asking anything of the network. */
export async function onTabMessage(core: SessionCore, data: unknown): Promise<void> {
  const cfg = core.config
  const { held } = core
  const message = readTabMessage(data)
  if (!cfg || !message) return
  if (message.type === 'cleared') {
    // Most likely a sign-out: this page's data-customer-id may name a session that has ended, so
    // current.jwt decides from now on (nobody signed in is then a guest, not a client_id error).
    if (cfg.customerId) core.hintStale = true
    if (!held && !core.flight) return
    trace('another tab cleared')
    core.reset()
    core.settle(cfg.customerId === null ? 'guest' : 'idle')
    return
  }
  // A guest page stays a guest, whoever signed in elsewhere, unless signIn() on it holds a token,
  // which a mint for someone else must end like any other.
  if (message.channelId !== cfg.channelId || (cfg.storeHash && message.storeHash !== cfg.storeHash) || (cfg.customerId === null && !held)) return
  // Whose token this tab may hold: the one it holds, else its data-customer-id unless shown stale.
  // A tab holding nothing (idle, loading, failed) follows the mint as well, unless it names
  // someone else.
  const own = held ? held.customerId : !core.hintStale && cfg.customerId
  if (own && own !== message.customerId) {
    // The browser's session now belongs to someone else: nothing of the old customer survives.
    trace(`another tab minted for customer ${message.customerId}`)
    core.reset()
    core.hintStale = true
    core.settle('idle')
    return
  }
  const started = core.epoch
  const record = await core.cached(cfg, message.customerId)
  if (record && started === core.epoch && record.token !== core.held?.token) {
    trace(`another tab minted token ${fingerprint(record.token)}`)
    core.held = record
    core.settle('ready', record)
  }
}

/** The page is visible, online, or out of the back/forward cache again: check the token now. */
export function onWake(core: SessionCore, event: Event): void {
  const { type } = event
  if (type === 'visibilitychange' && document.visibilityState !== 'visible') return
  if (type === 'pageshow' && !(event as PageTransitionEvent).persisted) return
  // Frozen in the cache, the page may have missed a sign-out: trust IndexedDB, not memory. Not
  // reset(): the restore's visibilitychange comes first and may have started a renewal, which
  // asks current.jwt itself (a page is never cached mid-request), so throwing it away would
  // only send that request twice.
  if (type === 'pageshow') core.held = undefined
  const cfg = core.config
  if (type === 'online' && core.status.state === 'error' && cfg && cfg.customerId !== null) {
    // Back online: the failure was probably ours, so the cooldown does not apply.
    join(core, cfg, modeOf('plain', undefined, true)).catch(noop)
  } else {
    getToken(core).catch(noop)
  }
}

/** b2bGraphQL(): the theme's request, with this engine's token. */
export function b2bGraphQL(core: SessionCore, query: string, variables?: Record<string, unknown>, options?: B2BGraphQLOptions) {
  return request(core, (opts) => getToken(core, opts), query, variables, own(options, 'signal') as AbortSignal | undefined)
}

/** clearB2BToken(): forget the token here and in every tab; a flow in progress is thrown away. */
export async function clear(core: SessionCore): Promise<void> {
  trace('clear()')
  core.reset()
  await core.store.clear()
  core.tabs.post({ type: 'cleared' })
  core.settle('idle')
}

// Every field set, none left to Object.prototype.
const modeOf = (kind: Mode['kind'], replacing?: string, resume = false): Mode => ({ kind, replacing, resume })

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
