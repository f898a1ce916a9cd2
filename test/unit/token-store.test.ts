import { IDBObjectStore } from 'fake-indexeddb'
import { createStore, get, set } from 'idb-keyval'
import { describe, expect, it, vi } from 'vitest'
import { createTokenStore, recordKey, SCHEMA_VERSION, type TokenRecord } from '../../src/token-store'

const NOW = Date.now()
const record = (customerId: string, token = 'token-' + customerId): TokenRecord => ({
  v: SCHEMA_VERSION,
  token,
  fingerprint: 'fp-' + customerId,
  customerId,
  storeHash: 'abc123',
  channelId: 1,
  obtainedAt: NOW,
  expiresAt: NOW + 3_600_000,
})
const raw = () => createStore('stencil-b2b-auth', 'tokens')

describe('createTokenStore', () => {
  it('keeps records in an IndexedDB store of its own, under (store, channel, customer)', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.replace(key, record('7'))
    expect(await get(key, raw())).toEqual(record('7'))
    expect(await createTokenStore().find(key)).toMatchObject({ customerId: '7', token: 'token-7' })
    expect(await store.find(recordKey('abc123', 2, '7'))).toBeUndefined()
    expect(await store.find(recordKey('abc123', 1, '8'))).toBeUndefined()
    expect(store.tier()).toBe('indexeddb')
  })

  it.each([
    ['corrupt', 'garbage'],
    ['of an older schema version', { ...record('7'), v: 0 }],
    ['missing a field', { ...record('7'), expiresAt: undefined }],
    ['under another customer key (foreign)', record('8')],
    ['with an empty token', record('7', '')],
  ])('treats an entry that is %s as a miss, and deletes it', async (_, value) => {
    const key = recordKey('abc123', 1, '7')
    await set(key, value, raw())
    expect(await createTokenStore().find(key)).toBeUndefined()
    await vi.waitFor(async () => expect(await get(key, raw())).toBeUndefined())
  })

  it('clears every entry', async () => {
    const store = createTokenStore()
    await store.replace(recordKey('abc123', 1, '1'), record('1'))
    await store.replace(recordKey(undefined, 2, '2'), { ...record('2'), channelId: 2 })
    await store.clear()
    expect(await store.find(recordKey('abc123', 1, '1'))).toBeUndefined()
    expect(await store.find(recordKey(undefined, 2, '2'))).toBeUndefined()
  })

  it('stands aside when IndexedDB cannot be opened, and says so: the engine holds the token in memory', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError')
      },
    })
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.replace(key, record('7'))
    expect(store.tier()).toBe('memory')
    expect(await store.find(key)).toBeUndefined()
    await expect(store.clear()).resolves.toBeUndefined()
  })

  it('stands aside when writes are refused (quota)', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.replace(key, record('7'))
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    await store.replace(recordKey('abc123', 1, '8'), record('8'))
    put.mockRestore()
    expect(store.tier()).toBe('memory')
    expect(await store.find(recordKey('abc123', 1, '8'))).toBeUndefined()
  })
})
