import { describe, expect, it } from 'vitest'
import { fingerprint, redact } from '../../../src/core/secrets'
import { b2bToken, customerJwt } from '../support/jwt'

describe('fingerprint', () => {
  it('is stable, tells tokens apart, and gives away nothing but the length', () => {
    const token = b2bToken(1)
    const other = b2bToken(1)
    expect(fingerprint(token)).toBe(fingerprint(token))
    expect(fingerprint(token)).not.toBe(fingerprint(other))
    expect(fingerprint(token)).toMatch(new RegExp(`^[0-9a-z]{1,7}/${token.length}$`))
    for (let i = 0; i + 5 <= token.length; i++) expect(fingerprint(token)).not.toContain(token.slice(i, i + 5))
  })
})

describe('redact', () => {
  it('strips a JWT or a long key out of a server message', () => {
    const jwt = customerJwt(5)
    const message = redact(`Invalid bcToken ${jwt} for key ${'k'.repeat(48)}`)
    expect(message).not.toContain(jwt.split('.')[1]!)
    expect(message).not.toContain('k'.repeat(48))
    expect(message).toBe('Invalid bcToken [redacted] for key [redacted]')
  })

  it('leaves ordinary messages alone', () => {
    const message = 'Operation cannot be performed as the storefront channel is not live'
    expect(redact(message)).toBe(message)
  })
})
