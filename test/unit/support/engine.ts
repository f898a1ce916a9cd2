import { createStore, entries, set } from 'idb-keyval'
import { createSession } from '../../../src/entry/session'
import { recordKey, SCHEMA_VERSION } from '../../../src/core/token-record'
import { ENDPOINT } from './backend'
import { STORE_HASH } from './jwt'

/** The module's own IndexedDB store, as the tests read it behind the engine's back. */
export const idb = () => createStore('stencil-b2b-auth', 'tokens')

/** What the engine has stored. */
export const stored = async () => (await entries(idb())).map(([, value]) => value as { customerId: string; token: string })

/** An engine, as a page would have one, configured for the fake backend. */
export function session(input: Record<string, unknown> = {}) {
  const s = createSession()
  s.setConfig({ graphqlEndpoint: ENDPOINT, storeHash: STORE_HASH, ...input })
  return s
}

/** Stores customer 7's token as an earlier page left it, obtained and expiring at the given times. */
export async function storeToken(token: string, obtainedAt: number, expiresAt: number): Promise<void> {
  const record = { v: SCHEMA_VERSION, token, customerId: '7', storeHash: STORE_HASH, channelId: 1, obtainedAt, expiresAt, exp: null }
  await set(recordKey(STORE_HASH, 1, '7'), record, idb())
}
