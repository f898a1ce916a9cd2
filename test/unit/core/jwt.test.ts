import { describe, expect, it } from 'vitest'
import { decodeJwt } from '../../../src/core/jwt'
import { makeJwt } from '../support/jwt'

describe('decodeJwt', () => {
  it('returns the payload of a compact JWS, UTF-8 included', () => {
    const jwt = makeJwt({ customer: { id: 7, email: 'zoë@example.com' }, exp: 2 })
    expect(decodeJwt(jwt)).toEqual({ customer: { id: 7, email: 'zoë@example.com' }, exp: 2 })
  })

  it.each([
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ'],
    ['four parts', 'a.b.c.d'],
    ['an empty signature', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.'],
    ['characters outside base64url', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjox+Q==.sig'],
    ['a payload that is not JSON', `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('not json').toString('base64url')}.sig`],
    ['a payload that is an array', makeJwt([1, 2] as unknown as Record<string, unknown>)],
    ['a header that is not JSON', `bm9wZQ.${Buffer.from('{}').toString('base64url')}.sig`],
    ['an HTML page', '<!doctype html><html>'],
    ['nothing', ''],
  ])('refuses %s', (_, text) => {
    expect(decodeJwt(text)).toBeUndefined()
  })
})
