import { createStore, entries } from 'idb-keyval'
import { createSession } from '../../../src/entry/session'
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
