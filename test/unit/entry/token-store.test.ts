import { IDBObjectStore } from 'fake-indexeddb'
import { createStore, get, set } from 'idb-keyval'
import { describe, expect, it, vi } from 'vitest'
import { recordKey, SCHEMA_VERSION, type TokenRecord } from '../../../src/core/token-record'
import { createTokenStore, IDB_TIMEOUT_MS } from '../../../src/entry/token-store'

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
  exp: null,
})
const jwt = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`
const raw = () => createStore('stencil-b2b-auth', 'tokens')

describe('createTokenStore', () => {
  it('keeps records in an IndexedDB store of its own, under (store, channel, customer)', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.keepOnly(key, record('7'))
    expect(await get(key, raw())).toEqual(record('7'))
    // What find() hands back has no prototype (see own.ts), but the same fields.
    expect(await createTokenStore().lookup(key)).toMatchObject({ customerId: '7', token: 'token-7' })
    expect(await store.lookup(recordKey('abc123', 2, '7'))).toBeUndefined()
    expect(await store.lookup(recordKey('abc123', 1, '8'))).toBeUndefined()
    expect(store.tier()).toBe('indexeddb')
  })

  it.each([
    ['corrupt', 'garbage'],
    ['of an older schema version', { ...record('7'), v: 0 }],
    ['missing a field', { ...record('7'), expiresAt: undefined }],
    ['under another customer key (foreign)', record('8')],
    ['with an empty token', record('7', '')],
    ['with a numeric string for a time', { ...record('7'), expiresAt: String(NOW + 3_600_000) }],
    ['with null for a time', { ...record('7'), obtainedAt: null }],
    ['with an endless life', { ...record('7'), expiresAt: Infinity }],
    ['with a life of years', { ...record('7'), expiresAt: NOW + 5 * 365 * 86_400_000 }],
    ["past its token's own exp", { ...record('7', jwt({ exp: Math.floor(NOW / 1000) - 3600 })), exp: Math.floor(NOW / 1000) - 3600 }],
    ['with an exp that is not a number', { ...record('7'), exp: '9999999999' }],
  ])('treats an entry that is %s as a miss', async (_, value) => {
    const key = recordKey('abc123', 1, '7')
    await set(key, value, raw())
    expect(await createTokenStore().lookup(key)).toBeUndefined()
  })

  it("honours the token's own exp, but not a placeholder from long before the token arrived", async () => {
    const key = recordKey('abc123', 1, '7')
    const soon = Math.floor(NOW / 1000) + 600
    await set(key, { ...record('7'), exp: soon }, raw())
    expect(await createTokenStore().lookup(key)).toMatchObject({ customerId: '7', exp: soon })
    await set(key, { ...record('7'), exp: 1_000_000_000 }, raw())
    expect(await createTokenStore().lookup(key)).toMatchObject({ customerId: '7', exp: 1_000_000_000 })
  })

  it('reads only what the record holds itself, whatever Object.prototype holds', async () => {
    const key = recordKey('abc123', 1, '7')
    const { expiresAt: _, ...partial } = record('7')
    await set(key, partial, raw())
    const proto = Object.prototype as Record<string, unknown>
    proto.expiresAt = NOW + 3_600_000
    try {
      expect(await createTokenStore().lookup(key)).toBeUndefined()
    } finally {
      delete proto.expiresAt
    }
  })

  it('closes its connection when another tab deletes the database, and opens it again when next needed', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.keepOnly(key, record('7'))
    const outcome = await new Promise<string>((resolve) => {
      const request = indexedDB.deleteDatabase('stencil-b2b-auth')
      request.onsuccess = () => resolve('deleted')
      request.onblocked = () => resolve('blocked')
    })
    expect(outcome).toBe('deleted')
    expect(await store.lookup(key)).toBeUndefined()
    await store.keepOnly(key, record('7'))
    expect(await store.lookup(key)).toMatchObject({ token: 'token-7' })
    expect(store.tier()).toBe('indexeddb')
  })

  it('clears every entry', async () => {
    const store = createTokenStore()
    await store.keepOnly(recordKey('abc123', 1, '1'), record('1'))
    await store.keepOnly(recordKey(undefined, 2, '2'), { ...record('2'), channelId: 2 })
    await store.clear()
    expect(await store.lookup(recordKey('abc123', 1, '1'))).toBeUndefined()
    expect(await store.lookup(recordKey(undefined, 2, '2'))).toBeUndefined()
  })

  it('stands aside when IndexedDB cannot be opened, and says so: the engine holds the token in memory', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError')
      },
    })
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.keepOnly(key, record('7'))
    expect(store.tier()).toBe('memory')
    expect(await store.lookup(key)).toBeUndefined()
    await expect(store.clear()).resolves.toBeUndefined()
  })

  it('stands aside when writes are refused (quota)', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.keepOnly(key, record('7'))
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    await store.keepOnly(recordKey('abc123', 1, '8'), record('8'))
    put.mockRestore()
    expect(store.tier()).toBe('memory')
    expect(await store.lookup(recordKey('abc123', 1, '8'))).toBeUndefined()
  })

  it('a call that is only late (a busy device) stands aside, and trusts IndexedDB again once it answers', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    await store.keepOnly(key, record('7'))
    // A read IndexedDB answers after the deadline.
    const late: { result?: unknown; onsuccess?: () => void } = {}
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementationOnce(() => late as unknown as IDBRequest)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const found = store.lookup(key)
    await vi.advanceTimersByTimeAsync(IDB_TIMEOUT_MS)
    expect(await found).toBeUndefined()
    expect(store.tier()).toBe('memory')
    vi.useRealTimers()

    late.result = record('7')
    late.onsuccess?.()
    await vi.waitFor(() => expect(store.tier()).toBe('indexeddb'))
    expect(await store.lookup(key)).toMatchObject({ customerId: '7', token: 'token-7' })
  })

  it('a call that never answers (Safari 14) leaves the store in memory', async () => {
    const store = createTokenStore()
    const key = recordKey('abc123', 1, '7')
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementationOnce(() => ({}) as IDBRequest)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const found = store.lookup(key)
    await vi.advanceTimersByTimeAsync(IDB_TIMEOUT_MS * 10)
    expect(await found).toBeUndefined()
    vi.useRealTimers()
    expect(store.tier()).toBe('memory')
    expect(await store.lookup(key)).toBeUndefined()
  })
})
