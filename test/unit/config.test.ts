import { describe, expect, it } from 'vitest'
import { findOwnScript, parseConfig, readScriptConfig, sameConfig } from '../../src/config'


describe('parseConfig', () => {
  it('gives the documented defaults, and keeps the settings as given for settings.ts to check', () => {
    expect(parseConfig({})).toEqual({ channelId: 1, storeHash: undefined, customerId: undefined, input: {}, fromTag: false })
    const input = { channelId: ' 3 ', storeHash: ' abc123 ', clientId: 'x' }
    expect(parseConfig(input, true)).toEqual({ channelId: 3, storeHash: 'abc123', customerId: undefined, input, fromTag: true })
  })

  it('reads a customer id, a guest page and an unknown customer apart', () => {
    expect(parseConfig({ customerId: '42' }).customerId).toBe('42')
    expect(parseConfig({ customerId: 42 }).customerId).toBe('42')
    expect(parseConfig({ customerId: '' }).customerId).toBeNull()
    expect(parseConfig({ customerId: '  ' }).customerId).toBeNull()
    expect(parseConfig({ customerId: null }).customerId).toBeNull()
    expect(parseConfig({}).customerId).toBeUndefined()
  })

  it('never throws: an invalid channel reads as no channel a stored token can have', () => {
    for (const channelId of ['two', '', '0', '-1']) expect(Number.isInteger(parseConfig({ channelId }).channelId) && parseConfig({ channelId }).channelId > 0).toBe(false)
  })

  it('treats an empty store hash as not given', () => {
    expect(parseConfig({ storeHash: '' }).storeHash).toBeUndefined()
  })

  it('compares configs by what was given', () => {
    expect(sameConfig(parseConfig({ channelId: '2' }), parseConfig({ channelId: '2' }))).toBe(true)
    expect(sameConfig(parseConfig({ channelId: 2 }), parseConfig({ channelId: 3 }))).toBe(false)
    expect(sameConfig(parseConfig({ channelId: 2 }, true), parseConfig({ channelId: 2 }))).toBe(false)
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
