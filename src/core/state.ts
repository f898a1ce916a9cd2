import type { B2BAuthState, Engine, Mode, TabSync, TokenStore } from './contract'
import type { UncheckedConfig } from './config'
import type { B2BAuthError } from './errors'
import { isFresh } from './expiry'
import { trace } from './debug'
import { whenLocked } from './lock'
import { recordKey, type TokenRecord } from './token-record'

// The only functions that change the engine's state (and, through `publish`, its status): the
// entry and every chunk change it through these, so what each field can become is read here.

/** The status of a state reached with nothing in progress: the token held (or none), no error. */
export function settled(state: B2BAuthState, record?: TokenRecord, config?: UncheckedConfig) {
  return {
    state,
    refreshing: false,
    customerId: record?.customerId ?? null,
    storeHash: record?.storeHash ?? null,
    channelId: record?.channelId ?? config?.channelId ?? 1,
    obtainedAt: record?.obtainedAt ?? null,
    expiresAt: record?.expiresAt ?? null,
    fingerprint: record?.fingerprint ?? null,
    error: null,
  }
}

/** Publishes a state reached with nothing in progress: the token held (or none), and no error. */
export function settle(engine: Engine, state: B2BAuthState, record?: TokenRecord): void {
  engine.publish(settled(state, record, engine.cfg))
}

/** The token is the page's from now on: held in memory and published. Returns it. */
export function adopt(engine: Engine, record: TokenRecord): string {
  engine.held = record
  settle(engine, 'ready', record)
  return record.token
}

/**
 * Whose token the page may hold has changed (a clear, a sign-out, a customer switch, new
 * settings): the token held is dropped, and a flow under way is thrown away when it ends.
 */
export function forget(engine: Engine): void {
  engine.epoch++
  engine.held = engine.flight = undefined
}

/**
 * Starts over with no token, as nothing is known yet of whose the next one is (new settings,
 * another tab's customer): `stale` as for markStale().
 */
export function restart(engine: Engine, stale: boolean): void {
  // forget(), written out: the entry's build would wrap a second call in a function of its own.
  engine.epoch++
  engine.held = engine.flight = undefined
  engine.hintStale = stale
  settle(engine, 'idle')
}

/** Stops serving the token held in memory: storage and current.jwt decide from now on. */
export function dropHeld(engine: Engine): void {
  engine.held = undefined
}

/**
 * Another tab cleared (most likely a sign-out): the token held here is dropped at once, and a
 * page rendered for a customer stops trusting its data-customer-id, so that neither it nor the
 * storage a guest page may not have wiped yet serves the signed-out customer's token before the
 * flow chunk reads the message (flow/tab-message.ts).
 */
export function heardClear(engine: Engine): void {
  engine.held = undefined
  if (engine.cfg?.customerId) engine.hintStale = true
}

/**
 * Whether this page's data-customer-id is known to be stale (another tab, the JWT, a sign-in or
 * sign-out showed it names a session that has ended): if so, current.jwt, not the page, says who
 * is signed in.
 */
export function markStale(engine: Engine, stale: boolean): void {
  engine.hintStale = stale
}

/** Asked for a token with none held: loading from here on, also while IndexedDB is read. */
export function awaitToken(engine: Engine): void {
  if (engine.status.state == 'idle') engine.publish({ state: 'loading' })
}

/** A flow starts: a token still served stays `ready`, refreshing; otherwise the page is loading. */
export function takeOff(engine: Engine): void {
  const serving = engine.held && isFresh(engine.held)
  engine.publish(serving ? { refreshing: true } : { state: 'loading', refreshing: true, error: null })
}

/**
 * A flow failed: the token still held is served (state `ready`, with the error), else `error`.
 * Returns the error, to be thrown.
 */
export function fail(engine: Engine, error: B2BAuthError): B2BAuthError {
  const { held } = engine
  engine.publish({
    state: held && isFresh(held) ? 'ready' : 'error',
    refreshing: false,
    error: { code: error.code, message: error.message },
  })
  return error
}

/** Runs `promise` as the page's one flow, which later callers join, until it settles. */
export function fly(engine: Engine, promise: Promise<string | null>, mode: Mode): void {
  const flight = (engine.flight = { promise, mode })
  const land = () => {
    if (engine.flight === flight) engine.flight = undefined
  }
  promise.then(land, land)
}

/** Stores a token just obtained as the only one, and tells the other tabs. */
export async function keep(
  where: { tokenStore: TokenStore; tabSync: TabSync },
  config: UncheckedConfig,
  record: TokenRecord,
): Promise<void> {
  const { customerId, storeHash, channelId } = record
  await where.tokenStore.keepOnly(recordKey(config.storeHash, channelId, customerId), record)
  where.tabSync.post({ type: 'minted', customerId, storeHash, channelId })
}

/** clearB2BToken(): forgets the token here, in storage and in every tab. */
export async function clear(engine: Engine): Promise<void> {
  trace('clear()')
  forget(engine)
  await engine.tokenStore.clear()
  engine.tabSync.post({ type: 'cleared' })
  settle(engine, 'idle')
}

/**
 * A guest page: nobody's token may outlive the sign-out it shows, so storage is wiped, in every
 * tab, once a page. Resolves null, the guest's token.
 */
export async function wipeForGuest(engine: Engine): Promise<null> {
  // Whatever made the page a guest's before (this, current.jwt, a sign-out, another tab's clear)
  // wiped storage already; clear(), new settings or another customer's token leave `guest`, and
  // the next guest call wipes again.
  if (engine.status.state !== 'guest') {
    engine.held = undefined
    // Published first: a call while the wipe is under way (the script tag's, then the theme's)
    // answers null at once, and neither wipes nor publishes again.
    settle(engine, 'guest')
    // Told before waiting for the tabs' lock: a mint under way in another tab is thrown away, not
    // handed out, when it lands after this sign-out. Cleared under the lock, so that such a mint
    // cannot store the signed-out customer's token after the wipe; told again after it, for a tab
    // that read storage in between.
    engine.tabSync.post({ type: 'cleared' })
    await whenLocked(() => engine.tokenStore.clear())
    engine.tabSync.post({ type: 'cleared' })
  }
  return null
}
