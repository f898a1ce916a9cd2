import { describe, expect, it } from 'vitest'
import { findOwnScript, parseConfig, readScriptConfig, sameConfig } from '../../src/config'
import { thrown } from './support/rejection'


describe('parseConfig', () => {
  it('gives the documented defaults, and keeps the network settings for the flow to check', () => {
    expect(parseConfig({})).toEqual({
      channelId: 1,
      storeHash: undefined,
      customerId: undefined,
      network: { clientId: undefined, graphqlEndpoint: undefined, timeoutMs: undefined },
      fromTag: false,
    })
    expect(parseConfig({ clientId: 'x', graphqlEndpoint: 'y', timeoutMs: 5 }, true)).toMatchObject({
      network: { clientId: 'x', graphqlEndpoint: 'y', timeoutMs: 5 },
      fromTag: true,
    })
  })

  it('reads a customer id, a guest page and an unknown customer apart', () => {
    expect(parseConfig({ customerId: '42' }).customerId).toBe('42')
    expect(parseConfig({ customerId: 42 }).customerId).toBe('42')
    expect(parseConfig({ customerId: '' }).customerId).toBeNull()
    expect(parseConfig({ customerId: '  ' }).customerId).toBeNull()
    expect(parseConfig({ customerId: null }).customerId).toBeNull()
    expect(parseConfig({}).customerId).toBeUndefined()
  })

  it('names the attribute when the script tag is wrong, and the option when configure() is', () => {
    const fromTag = thrown(() => parseConfig({ channelId: 'two' }, true))
    expect(fromTag.code).toBe('config')
    expect(fromTag.message).toContain('data-channel-id')
    expect(fromTag.message).toContain('positive integer')
    const fromCode = thrown(() => parseConfig({ channelId: 0 }))
    expect(fromCode.message).toMatch(/^channelId /)
  })

  it.each([['0'], ['-1'], ['1.5'], ['abc'], ['']])('refuses channel id %j', (value) => {
    expect(thrown(() => parseConfig({ channelId: value }, true)).message).toContain('data-channel-id')
  })

  it('accepts a channel id given as text', () => {
    expect(parseConfig({ channelId: ' 3 ' }).channelId).toBe(3)
  })

  it('says when {{customer.id}} was not rendered', () => {
    const error = thrown(() => parseConfig({ customerId: '{{customer.id}}' }, true))
    expect(error.message).toContain('data-customer-id')
  })

  it('refuses a store hash with characters no real one has', () => {
    expect(thrown(() => parseConfig({ storeHash: 'abc 123' }, true)).message).toContain('data-store-hash')
  })

  it('treats an empty store hash as not given', () => {
    expect(parseConfig({ storeHash: '' }).storeHash).toBeUndefined()
  })

  it('compares configs by value', () => {
    expect(sameConfig(parseConfig({ channelId: 2 }), parseConfig({ channelId: '2' }))).toBe(true)
    expect(sameConfig(parseConfig({ channelId: 2 }), parseConfig({ channelId: 3 }))).toBe(false)
  })
})

describe('the script tag', () => {
  it('reads the data attributes that are present, and only those', () => {
    document.body.innerHTML =
      '<script type="module" src="/dist/stencil-b2b-auth.js" data-channel-id="2" data-customer-id="" data-store-hash="abc123"></script>'
    const script = document.querySelector('script')!
    expect(readScriptConfig(script)).toEqual({ channelId: '2', customerId: '', storeHash: 'abc123' })
  })

  it('finds its own element by import.meta.url, else by the bundle file name', () => {
    document.body.innerHTML = `
      <script src="/other.js"></script>
      <script id="cdn" src="https://cdn11.bigcommerce.com/s-abc/stencil/1/dist/stencil-b2b-auth.js?v=3"></script>
      <script id="own" src="/assets/copy/stencil-b2b-auth.js"></script>`
    const own = findOwnScript(document, new URL('/assets/copy/stencil-b2b-auth.js', location.href).href)
    expect(own?.id).toBe('own')
    // A copy bundled into the theme's own code has another URL: it finds the page's tag by name.
    const fallback = findOwnScript(document, 'http://127.0.0.1:4100/theme-bundle.main.js')
    expect(fallback?.id).toBe('cdn')
    document.body.innerHTML = '<script src="/other.js"></script>'
    expect(findOwnScript(document, 'http://127.0.0.1:4100/theme-bundle.main.js')).toBeUndefined()
  })
})
