export type JwtClaims = Record<string, unknown>

import { isObject, parseBare } from './own'

const PART = /^[\w-]+$/

function decodePart(part: string): unknown {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
  // Every object of the claims without a prototype: a claim the token lacks is absent.
  return parseBare(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))))
}

/**
 * The payload of a compact JWS, or undefined when the text is not three base64url parts whose
 * header and payload are JSON objects. Decoded, never verified: the storefront signs with the
 * app's client secret, which a browser must not have.
 */
export function decodeJwt(text: string): JwtClaims | undefined {
  const parts = text.split('.')
  if (parts.length !== 3 || !parts.every((p) => PART.test(p))) return undefined
  try {
    const header = decodePart(parts[0] as string)
    const payload = decodePart(parts[1] as string)
    return isObject(header) && isObject(payload) ? payload : undefined
  } catch {
    return undefined
  }
}
