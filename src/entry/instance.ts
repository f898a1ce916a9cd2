import type { Session } from '../core/contract'
import { createSession } from './session'

// Symbol.for is shared by every copy of the bundle on the page (a script tag and the theme's own
// webpack bundle, say): the first copy creates the engine, the others use it. The suffix is the
// Session contract's version, not the package's: the build takes it from mangle.json, which pairs
// it with the short names the engine's methods and fields get (scripts/mangle-map.ts), so that
// copies of two builds whose names differ keep engines apart. Bump it there when Session or
// EngineChunks change.
declare const __SESSION_CONTRACT__: string
const KEY = Symbol.for('stencil-b2b-auth@' + __SESSION_CONTRACT__)

/** The page's one engine, created on first use. */
export function session(): Session {
  const holder = globalThis as typeof globalThis & { [KEY]?: Session }
  return (holder[KEY] ??= createSession())
}
