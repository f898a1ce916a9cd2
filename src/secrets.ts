/**
 * A short, stable stand-in for a token in logs and the status: a hash and the length, from
 * which the token cannot be recovered. Tells two tokens apart without showing either.
 */
export function fingerprint(secret: string): string {
  // FNV-1a: tiny and good enough to tell tokens apart; this is not a security boundary.
  let h = 0x811c9dc5
  for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0') + '/' + secret.length
}

/** Server messages can echo what they were sent: strip anything shaped like a JWT or a long key. */
export function redact(text: string): string {
  return text.replace(/[\w-]{8,}\.[\w-]{8,}\.[\w-]*|[\w+/=-]{40,}/g, '[redacted]').slice(0, 300)
}

/** The module's one way to the console: a prefix, and only what the caller passes (never a token). */
export function report(...what: unknown[]): void {
  console.error('[b2b-auth]', ...what)
}
