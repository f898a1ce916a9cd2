import { expect } from 'vitest'
import type { Sim } from '../../sim'

/** Anything shaped like a JWT (header and payload of base64url JSON): a token or a customer JWT. */
export const JWT_TEXT = /eyJ[\w-]*\.eyJ[\w-]*/

/** The module's own console lines (it prefixes each with "[b2b-auth]"). */
export const moduleLines = (h: { consoleLines: string[] }) => h.consoleLines.filter((line) => line.startsWith('[b2b-auth]'))

/**
 * No console line holds a token or customer JWT the simulator issued, or anything shaped like a
 * JWT. With `issued`, the test must have had some issued, or the check would prove nothing.
 */
export function expectNoSecretInConsole(h: { sim: Sim; consoleLines: string[] }, options: { issued?: boolean } = {}): void {
  const secrets = [...h.sim.issuedTokens, ...h.sim.issuedJwts]
  if (options.issued) {
    expect(h.sim.issuedTokens.length).toBeGreaterThan(0)
    expect(h.sim.issuedJwts.length).toBeGreaterThan(0)
  }
  for (const line of h.consoleLines) {
    for (const secret of secrets) expect(line).not.toContain(secret)
    expect(line).not.toMatch(JWT_TEXT)
  }
}
