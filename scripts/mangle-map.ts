// mangle.json, read by the build (vite.config.ts), the unit tests (vitest.config.ts) and its own
// test (test/build/mangle.test.ts): the internal property names and their short names, and the
// Session contract version that map belongs to.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export interface MangleFile {
  props: Record<string, string>
  contracts: Record<string, string>
}

const file = JSON.parse(readFileSync(resolve(process.cwd(), 'mangle.json'), 'utf8')) as MangleFile

/** Internal property name -> the short name every build gives it. */
export const MANGLED: Readonly<Record<string, string>> = file.props

/** What a contract version records of the map: its names and short names, in order. */
export const mapHash = (props: Record<string, string>): string =>
  createHash('sha256').update(JSON.stringify(props)).digest('hex').slice(0, 16)

/**
 * The Session contract version of this map (the key copies of the bundle share an engine by): the
 * highest that `contracts` names for its hash, so that a version bumped for a change of Session's
 * shape alone is a new line with the same hash. A map changed without a new version is refused,
 * so the two cannot drift apart: a copy from another build would otherwise call this engine by
 * names that mean something else.
 */
export function sessionContract(mangle: MangleFile = file): string {
  const hash = mapHash(mangle.props)
  const versions = Object.keys(mangle.contracts).filter((v) => mangle.contracts[v] === hash)
  if (versions.length) return String(Math.max(...versions.map(Number)))
  const next = Math.max(0, ...Object.keys(mangle.contracts).map(Number)) + 1
  throw new Error(`mangle.json: "props" changed without a new contract version: add "${next}": "${hash}" under "contracts"`)
}
