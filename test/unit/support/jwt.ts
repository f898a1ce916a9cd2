const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A compact JWS with the given claims; the signature is junk, as the browser never verifies it. */
export function makeJwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  return `${encode(header)}.${encode(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`
}

export const CLIENT_ID = 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo'
export const STORE_HASH = 'abc123'

/** current.jwt claims as the platform documents them, for a customer, issued now. */
export function customerJwt(customerId: number, overrides: Record<string, unknown> = {}): string {
  const iat = Math.floor(Date.now() / 1000)
  return makeJwt({
    customer: { id: customerId, email: `c${customerId}@example.com`, group_id: '0' },
    iss: 'bc/apps',
    sub: STORE_HASH,
    iat,
    exp: iat + 900,
    version: 1,
    aud: CLIENT_ID,
    application_id: CLIENT_ID,
    store_hash: STORE_HASH,
    operation: 'current_customer',
    ...overrides,
  })
}

/** A B2B token shaped like a JWT with a lifetime. */
export function b2bToken(customerId: number, lifetimeSec = 86_400, nonce = Math.random().toString(36).slice(2)): string {
  const iat = Math.floor(Date.now() / 1000)
  return makeJwt({ bc_customer_id: customerId, iat, exp: iat + lifetimeSec, jti: nonce })
}
