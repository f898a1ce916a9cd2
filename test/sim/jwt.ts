// HS256 JWTs for the simulator: the storefront signs current.jwt with the app's client secret and
// the simulated B2B endpoint verifies it, as the real platform does. Node built-ins only.
import { createHmac, timingSafeEqual } from 'node:crypto'

export type JwtClaims = Record<string, unknown>

export function base64urlEncode(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url')
}

/** Strict: only the base64url alphabet, no padding; undefined for anything else. */
export function base64urlDecode(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined
  return Buffer.from(text, 'base64url')
}

const HEADER = base64urlEncode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

function hmac(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest()
}

export function signHs256(claims: JwtClaims, secret: string): string {
  const signingInput = `${HEADER}.${base64urlEncode(JSON.stringify(claims))}`
  return `${signingInput}.${base64urlEncode(hmac(signingInput, secret))}`
}

function parseJson(part: string): JwtClaims | undefined {
  const bytes = base64urlDecode(part)
  if (!bytes) return undefined
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtClaims) : undefined
  } catch {
    return undefined
  }
}

/** Header and claims of a compact JWS, without checking the signature; undefined if malformed. */
export function decodeUnverified(jwt: string): { header: JwtClaims; claims: JwtClaims } | undefined {
  const parts = jwt.split('.')
  if (parts.length !== 3) return undefined
  const header = parseJson(parts[0] ?? '')
  const claims = parseJson(parts[1] ?? '')
  return header && claims ? { header, claims } : undefined
}

/** The claims when `jwt` is an HS256 JWS whose signature verifies with `secret`; else undefined. */
export function verifyHs256(jwt: string, secret: string): JwtClaims | undefined {
  const decoded = decodeUnverified(jwt)
  if (!decoded || decoded.header.alg !== 'HS256') return undefined
  const [header, payload, signature] = jwt.split('.') as [string, string, string]
  const given = base64urlDecode(signature)
  const expected = hmac(`${header}.${payload}`, secret)
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  return decoded.claims
}
