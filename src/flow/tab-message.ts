import type { Engine, TabMessage } from '../core/contract'
import type { UncheckedConfig } from '../core/config'
import { trace } from '../core/debug'
import { own } from '../core/own'
import { fingerprint } from '../core/secrets'
import { adopt, forget, markStale, restart, settle } from '../core/state'

/**
 * A message as another tab sent it, or undefined for anything else: read field by field, own
 * fields only, since any script of the origin can post on the channel and Object.prototype may
 * be polluted (a `minted` without a customer id must not name the one inherited).
 */
export function readTabMessage(data: unknown): TabMessage | undefined {
  const type = own(data, 'type')
  if (type === 'cleared') return { type }
  const customerId = own(data, 'customerId')
  const storeHash = own(data, 'storeHash')
  const channelId = own(data, 'channelId')
  if (type !== 'minted' || typeof customerId != 'string' || typeof storeHash != 'string' || typeof channelId != 'number') return undefined
  return { type, customerId, storeHash, channelId }
}

/** Another tab minted or cleared: follow at once, without asking anything of the network. */
export async function onTabMessage(engine: Engine, data: unknown): Promise<void> {
  const cfg = engine.cfg
  const message = readTabMessage(data)
  if (!cfg || !message) return
  if (message.type === 'cleared') return followClear(engine, cfg)
  if (!concernsPage(engine, cfg, message)) return
  // Whose token this tab may hold: the one it holds, else its data-customer-id unless shown stale.
  // A tab holding nothing (idle, loading, failed) follows the mint as well, unless it names
  // someone else.
  const owner = engine.held ? engine.held.customerId : !engine.hintStale && cfg.customerId
  if (owner && owner !== message.customerId) return followSwitch(engine, message.customerId)
  return followMint(engine, cfg, message.customerId)
}

/**
 * Most likely a sign-out: this page's data-customer-id may name a session that has ended, so
 * current.jwt decides from now on (nobody signed in is then a guest, not a client_id error).
 */
function followClear(engine: Engine, cfg: UncheckedConfig): void {
  if (cfg.customerId) markStale(engine, true)
  // The entry dropped the token held already (session.ts): the status still shows it.
  if (!engine.status.fingerprint && !engine.flight) return
  trace('another tab cleared')
  forget(engine)
  settle(engine, cfg.customerId === null ? 'guest' : 'idle')
}

/**
 * A mint of this page's store and channel. A guest page stays a guest, whoever signed in
 * elsewhere, unless signIn() on it holds a token, which a mint for someone else must end like any
 * other.
 */
function concernsPage(engine: Engine, cfg: UncheckedConfig, message: TabMessage & { type: 'minted' }): boolean {
  if (message.channelId !== cfg.channelId || (cfg.storeHash && message.storeHash !== cfg.storeHash)) return false
  return cfg.customerId !== null || !!engine.held
}

/** The browser's session now belongs to someone else: nothing of the old customer survives. */
function followSwitch(engine: Engine, customerId: string): void {
  trace(`another tab minted for customer ${customerId}`)
  restart(engine, true)
}

async function followMint(engine: Engine, cfg: UncheckedConfig, customerId: string): Promise<void> {
  const started = engine.epoch
  const record = await engine.cached(cfg, customerId)
  if (record && started === engine.epoch && record.token !== engine.held?.token) {
    trace(`another tab minted token ${fingerprint(record.token)}`)
    adopt(engine, record)
  }
}
