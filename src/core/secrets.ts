/**
 * A short, stable stand-in for a token in logs, the status and the badge: a hash and the length,
 * from which the token cannot be recovered. Tells two tokens apart without showing either.
 */
export function fingerprint(secret: string): string {
  // FNV-1a: tiny and good enough to tell tokens apart; this is not a security boundary.
  const hash = [...secret].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) >>> 0
  return `${hash.toString(36)}/${secret.length}`
}

/**
 * Server messages can echo what they were sent: strip the given secrets and each part of them that
 * is long enough to matter (a JWT's signature alone is a clue), then anything shaped like a JWT or
 * a long key.
 */
export function redact(text: string, secrets: string[] = []): string {
  for (const secret of secrets) {
    for (const part of [secret, ...secret.split('.')]) if (part.length >= 8) text = text.split(part).join('[redacted]')
  }
  return text.replace(/[\w-]{8,}\.[\w-]{8,}\.[\w-]*|[\w+/=-]{40,}/g, '[redacted]').slice(0, 300)
}

/** The module's one way to the console: a prefix, and only what the caller passes (never a token). */
export function report(...what: unknown[]): void {
  console.error('[b2b-auth]', ...what)
}
