import { describe, expect, it } from 'vitest'
import { CONFLICT, parseConfig, readScriptConfig } from '../../../src/core/config'
import { checkConfig, DEFAULT_CLIENT_ID, DEFAULT_GRAPHQL_ENDPOINT, refuseServerCredentials } from '../../../src/net/checked-config'
import { thrown } from '../support/rejection'

const check = (input: Record<string, unknown>, fromTag = true) => checkConfig(parseConfig(input, fromTag))

describe('checkConfig', () => {
  it('names the attribute when the script tag is wrong, and the option when configure() is', () => {
    const fromTag = thrown(() => check({ channelId: 'two' }))
    expect(fromTag.code).toBe('config')
    expect(fromTag.message).toContain('data-channel-id')
    expect(fromTag.message).toContain('positive integer')
    expect(thrown(() => check({ channelId: 0 }, false)).message).toMatch(/^channelId /)
  })

  it.each([['0'], ['-1'], ['1.5'], ['abc'], ['']])('refuses channel id %j', (value) => {
    expect(thrown(() => check({ channelId: value })).message).toContain('data-channel-id')
  })

  it('accepts a channel id given as text', () => {
    expect(check({ channelId: ' 3 ' }).channelId).toBe(3)
  })

  it('says when {{customer.id}} was not rendered', () => {
    expect(thrown(() => check({ customerId: '{{customer.id}}' })).message).toContain('data-customer-id')
  })

  it('takes an empty customer id (a guest page)', () => {
    expect(check({ customerId: '' }).customerId).toBeNull()
  })

  it('gives the documented defaults', () => {
    expect(check({})).toMatchObject({ clientId: DEFAULT_CLIENT_ID, graphqlEndpoint: DEFAULT_GRAPHQL_ENDPOINT, timeoutMs: 10_000 })
    expect(DEFAULT_CLIENT_ID).toBe('qxvapwlk4fbb9dyogdcxk9o50d9jqjo')
    expect(DEFAULT_GRAPHQL_ENDPOINT).toBe('https://api-b2b.bigcommerce.com/graphql')
  })

  it.each([
    ['https://api-b2b.bigcommerce.com/graphql', true],
    ['https://api-b2b.staging.zone/graphql', true],
    ['HTTPS://API-B2B.BIGCOMMERCE.COM/graphql', true],
    ['http://localhost:8081/graphql', true],
    ['http://127.0.0.1:8081/graphql', true],
    ['http://[::1]:8081/graphql', true],
    ['http://api-b2b.bigcommerce.com/graphql', false],
    ['http://localhost.example.com/graphql', false],
    ['http://localhost@example.com/graphql', false],
    ['https://user@example.com/graphql', false],
    ['http://192.168.1.5/graphql', false],
    ['ftp://localhost/graphql', false],
    ['/graphql', false],
  ])('endpoint %s allowed: %s', (endpoint, allowed) => {
    if (allowed) expect(check({ graphqlEndpoint: endpoint }).graphqlEndpoint).toBe(endpoint)
    else expect(thrown(() => check({ graphqlEndpoint: endpoint })).message).toContain('data-graphql-endpoint')
  })

  it('names the option rather than the attribute for configure()', () => {
    expect(thrown(() => check({ graphqlEndpoint: 'http://example.com' }, false)).message).toMatch(/^graphqlEndpoint must be/)
  })

  it('refuses a store hash or client id with characters no real one has, and a bad timeout', () => {
    expect(thrown(() => check({ storeHash: 'abc 123' })).message).toContain('data-store-hash')
    expect(thrown(() => check({ clientId: 'a"b' })).message).toContain('data-client-id')
    expect(thrown(() => check({ timeoutMs: '-5' })).message).toContain('data-timeout-ms')
  })

  it('treats an empty client id or endpoint as not given', () => {
    expect(check({ clientId: '', graphqlEndpoint: ' ' })).toMatchObject({
      clientId: DEFAULT_CLIENT_ID,
      graphqlEndpoint: DEFAULT_GRAPHQL_ENDPOINT,
    })
  })
})

describe('server-to-server credentials', () => {
  it.each([['xAuthToken'], ['authToken'], ['clientSecret'], ['accessToken'], ['apiKey'], ['token'], ['password']])(
    'refuses a %s option unread',
    (name) => {
      const error = thrown(() => check({ [name]: 'abc' }, false))
      expect(error.code).toBe('config')
      expect(error.message).toContain('server-to-server credential')
      expect(error.message).not.toContain('abc')
    },
  )

  it("refuses such a data-* attribute on the module's tag, naming the attribute", () => {
    document.body.innerHTML = '<script type="module" src="/dist/stencil-b2b-auth.js" data-x-auth-token="abc"></script>'
    const input = readScriptConfig(document.querySelector('script')!)
    expect(thrown(() => check(input as Record<string, unknown>)).message).toMatch(
      /^data-x-auth-token looks like a server-to-server credential/,
    )
    document.body.innerHTML = ''
  })

  it('refuses the settings of module tags that disagree, before anything is sent', () => {
    const error = thrown(() => check({ [CONFLICT]: 1 }))
    expect(error.code).toBe('config')
    expect(error.message).toMatch(/^Several <script> tags load stencil-b2b-auth\.js with different data-\* attributes: keep one tag/)
  })

  it("lets signIn() take the shopper's own password", () => {
    expect(() => refuseServerCredentials({ email: 'a@b.c', password: 'x' }, ['password'])).not.toThrow()
  })
})
