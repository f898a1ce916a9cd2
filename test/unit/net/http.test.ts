import { describe, expect, it, vi } from 'vitest'
import { request, retryAfter, RETRIES } from '../../../src/net/http'
import { fakeFetch, json, never, text } from '../support/fake-fetch'
import { failure } from '../support/rejection'

const URL_ = 'http://127.0.0.1:4200/graphql'

describe('request', () => {
  it('retries 5xx a bounded number of times, then returns the last answer', async () => {
    const edge = fakeFetch(() => text('down', 503))
    const answer = await request(URL_, {}, 'test', 1000)
    expect(answer.status).toBe(503)
    expect(edge.sent).toHaveLength(1 + RETRIES)
  })

  it('succeeds on a retry after a dropped connection', async () => {
    let calls = 0
    const edge = fakeFetch(() => (++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : json({ ok: 1 })))
    expect((await request(URL_, {}, 'test', 1000)).text).toBe('{"ok":1}')
    expect(edge.sent).toHaveLength(2)
  })

  it('waits out a 429 Retry-After before retrying', async () => {
    vi.useFakeTimers()
    let calls = 0
    const edge = fakeFetch(() => (++calls === 1 ? text('slow down', 429, { 'retry-after': '2' }) : json({ ok: 1 })))
    const pending = request(URL_, {}, 'test', 10_000)
    await vi.advanceTimersByTimeAsync(1_900)
    expect(edge.sent).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    expect((await pending).status).toBe(200)
    expect(edge.sent).toHaveLength(2)
    vi.useRealTimers()
  })

  it('does not wait out a long Retry-After: it answers, for the cooldown to take over', async () => {
    const edge = fakeFetch(() => text('slow down', 429, { 'retry-after': '120' }))
    const answer = await request(URL_, {}, 'test', 1000)
    expect(answer.retryAfterMs).toBe(120_000)
    expect(edge.sent).toHaveLength(1)
  })

  it('never retries a 4xx or a timeout', async () => {
    const edge = fakeFetch(() => json({ errors: [{ message: 'bad' }] }, 400))
    expect((await request(URL_, {}, 'test', 1000)).status).toBe(400)
    expect(edge.sent).toHaveLength(1)
    const hung = fakeFetch(never)
    expect((await failure(request(URL_, {}, 'test', 20))).code).toBe('timeout')
    expect(hung.sent).toHaveLength(1)
  })

  it('gives up on a network failure after the retries', async () => {
    const edge = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    expect((await failure(request(URL_, {}, 'test', 1000))).code).toBe('network')
    expect(edge.sent).toHaveLength(1 + RETRIES)
  })
})

describe('retryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000)
    const inAMinute = new Date(Date.now() + 60_000).toUTCString()
    expect(retryAfter(new Headers({ 'retry-after': inAMinute }))).toBeGreaterThan(58_000)
    expect(retryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(retryAfter(new Headers())).toBeUndefined()
  })
})
