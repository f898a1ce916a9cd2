import { buildSchema, parse, validate } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authorize, AUTHORIZATION_MUTATION } from '../../../src/flow/authorize'
import { parseConfig } from '../../../src/core/config'
import { checkConfig } from '../../../src/net/checked-config'
import { customerJwt } from '../support/jwt'
import { fakeFetch, json, text, tokenAnswer } from '../support/fake-fetch'
import { failure } from '../support/rejection'

const ENDPOINT = 'http://127.0.0.1:4200/graphql'
const config = checkConfig(parseConfig({ graphqlEndpoint: ENDPOINT, channelId: 3 }))
const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../sim/b2b-full-schema.graphql'), 'utf8'))

describe('the authorization mutation', () => {
  it('is valid against the B2B Edition schema', () => {
    expect(validate(schema, parse(AUTHORIZATION_MUTATION))).toEqual([])
  })

  it('posts the JWT and channel as variables, as JSON, without cookies, and returns the token', async () => {
    const jwt = customerJwt(5)
    const { sent } = fakeFetch(() => tokenAnswer('b2b-token-1'))
    expect(await authorize(config, jwt)).toBe('b2b-token-1')
    const request = sent[0]!
    expect(request.url.href).toBe(ENDPOINT)
    expect(request.method).toBe('POST')
    expect(request.credentials).toBe('omit')
    expect(request.headers.get('content-type')).toBe('application/json')
    expect(request.headers.has('authorization')).toBe(false)
    expect(request.body).toEqual({ query: AUTHORIZATION_MUTATION, variables: { bcToken: jwt, channelId: 3 } })
  })

  it('never follows a redirect, which would carry the JWT elsewhere: refused as a failed connection that says so', async () => {
    // With redirect 'error', a browser rejects the fetch on a 3xx, as this fake does.
    const edge = fakeFetch((request) =>
      request.redirect === 'error' ? Promise.reject(new TypeError('Failed to fetch')) : text('followed', 307),
    )
    const error = await failure(authorize(config, customerJwt(5)))
    expect(edge.sent.map((r) => r.redirect)).toEqual(['error', 'error', 'error'])
    expect(edge.sent.every((r) => r.url.href === ENDPOINT)).toBe(true)
    expect(error.code).toBe('network')
    expect(error.message).toMatch(/^B2B GraphQL B2BAuthorization failed \(.*a redirect\?\)$/)
  })

  it('surfaces GraphQL errors with their message and extensions.code, whatever the HTTP status', async () => {
    const message = 'Operation cannot be performed as the storefront channel is not live'
    fakeFetch(() => json({ data: { authorization: null }, errors: [{ message, extensions: { code: 403 } }] }, 200))
    const error = await failure(authorize(config, customerJwt(5)))
    // A channel that is not live: no retry helps, and signIn() names it so too.
    expect(error.code).toBe('channel_not_live')
    expect(error.graphqlCode).toBe(403)
    expect(error.message).toContain(message)
    expect(error.errors).toEqual([{ message, code: 403 }])

    fakeFetch(() => json({ errors: [{ message: 'Signature verification failed', extensions: { code: 401 } }] }, 401))
    expect((await failure(authorize(config, customerJwt(5)))).graphqlCode).toBe(401)
  })

  it('never repeats the JWT a server echoes in its error message', async () => {
    const jwt = customerJwt(5)
    fakeFetch(() => json({ errors: [{ message: `bad token ${jwt}` }] }))
    const error = await failure(authorize(config, jwt))
    expect(error.message).not.toContain(jwt)
    expect(JSON.stringify(error.errors)).not.toContain(jwt)
  })

  it.each([
    ['a body that is not JSON', () => text('<html>oops</html>'), 'invalid_response'],
    ['a 502 that is not JSON', () => text('Bad gateway', 502), 'http'],
    ['a 500 without errors', () => json({}, 500), 'http'],
    ['no data', () => json({}), 'invalid_response'],
    ['no token', () => json({ data: { authorization: { result: null } } }), 'invalid_response'],
    ['an empty token', () => tokenAnswer(''), 'invalid_response'],
    ['a token that is not a string', () => tokenAnswer(12345), 'invalid_response'],
    ['an oversized body', () => text('{"data":"' + 'x'.repeat(100_000) + '"}'), 'too_large'],
  ])('refuses %s', async (_, reply, code) => {
    fakeFetch(reply)
    expect((await failure(authorize(config, customerJwt(5)))).code).toBe(code)
  })
})
