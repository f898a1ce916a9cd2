import { describe, expect, it } from 'vitest'
import { CONFLICT, parseConfig, readScriptConfig, sameConfig, scriptConfig } from '../../../src/core/config'

describe('parseConfig', () => {
  it('gives the documented defaults, and keeps the settings as given for net/checked-config.ts to check', () => {
    expect(parseConfig({})).toEqual({ channelId: 1, storeHash: undefined, customerId: undefined, given: {}, fromTag: false })
    const input = { channelId: ' 3 ', storeHash: ' abc123 ', clientId: 'x' }
    expect(parseConfig(input, true)).toEqual({ channelId: 3, storeHash: 'abc123', customerId: undefined, given: input, fromTag: true })
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
    for (const channelId of ['two', '', '0', '-1'])
      expect(Number.isInteger(parseConfig({ channelId }).channelId) && parseConfig({ channelId }).channelId > 0).toBe(false)
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
  it('reads every data attribute that is present, camelCased, into an object without a prototype', () => {
    document.body.innerHTML =
      '<script type="module" src="/dist/stencil-b2b-auth.js" data-channel-id="2" data-customer-id="" data-store-hash="abc123" data-badge></script>'
    const input = readScriptConfig(document.querySelector('script')!)
    expect({ ...input }).toEqual({ channelId: '2', customerId: '', storeHash: 'abc123', badge: '' })
    expect(Object.getPrototypeOf(input)).toBeNull()
  })

  it('finds its own module tag by import.meta.url, else by the bundle file name', () => {
    document.body.innerHTML = `
      <script src="/other.js"></script>
      <script type="module" src="/assets/copy/stencil-b2b-auth.js" data-channel-id="4"></script>`
    expect(scriptConfig(document, new URL('/assets/copy/stencil-b2b-auth.js', location.href).href)).toEqual({ channelId: '4' })
    // A copy bundled into the theme's own code has another URL: it finds the page's tag by name.
    expect(scriptConfig(document, 'http://127.0.0.1:4100/theme-bundle.main.js')).toEqual({ channelId: '4' })
    document.body.innerHTML = '<script src="/other.js"></script>'
    expect(scriptConfig(document, 'http://127.0.0.1:4100/theme-bundle.main.js')).toBeUndefined()
    // By file name, a tag without data-* attributes (another copy's) is passed over.
    document.body.innerHTML = `
      <script type="module" src="/assets/copy/stencil-b2b-auth.js" data-channel-id="4"></script>
      <script type="module" src="/dist/stencil-b2b-auth.js?copy=2"></script>`
    expect(scriptConfig(document, 'http://127.0.0.1:4100/theme-bundle.main.js')).toEqual({ channelId: '4' })
  })

  it('gives no settings but a conflict when two tags disagree; agreeing ones are one tag', () => {
    const url = new URL('/dist/stencil-b2b-auth.js', location.href).href
    const tag = '<script type="module" src="/dist/stencil-b2b-auth.js" data-channel-id="2"></script>'
    document.body.innerHTML = tag + tag
    expect(scriptConfig(document, url)).toEqual({ channelId: '2' })
    // The same settings in another attribute order are the same settings (a theme's partial and a
    // Script Manager copy of it, say).
    document.body.innerHTML =
      '<script type="module" src="/dist/stencil-b2b-auth.js" data-store-hash="abc" data-channel-id="2" data-customer-id="7"></script>' +
      '<script type="module" src="/dist/stencil-b2b-auth.js" data-customer-id="7" data-channel-id="2" data-store-hash="abc"></script>'
    expect(scriptConfig(document, url)).toEqual({ storeHash: 'abc', channelId: '2', customerId: '7' })
    document.body.innerHTML =
      tag + '<script type="module" src="/dist/stencil-b2b-auth.js" data-graphql-endpoint="https://evil.example/graphql"></script>'
    expect(scriptConfig(document, url)).toEqual({ [CONFLICT]: 1 })
    // A decoy that adds settings to a tag that has none is a conflict too: the JWT would follow it.
    document.body.innerHTML =
      '<script type="module" src="/dist/stencil-b2b-auth.js"></script><script type="text/plain" src="/dist/stencil-b2b-auth.js" data-graphql-endpoint="https://evil.example/graphql"></script>'
    expect(scriptConfig(document, url)).toEqual({ [CONFLICT]: 1 })
    // Another URL of the same file name counts only where no tag has the module's own URL.
    document.body.innerHTML = tag + '<script type="module" src="/other/stencil-b2b-auth.js?copy=2"></script>'
    expect(scriptConfig(document, url)).toEqual({ channelId: '2' })
    // Which tag ran cannot be told: an inert decoy disagreeing with the real tag is a conflict too.
    document.body.innerHTML =
      '<script type="text/plain" src="/dist/stencil-b2b-auth.js" data-graphql-endpoint="https://evil.example/graphql"></script>' + tag
    expect(scriptConfig(document, url)).toEqual({ [CONFLICT]: 1 })
  })
})
