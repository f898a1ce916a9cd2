import type { Session } from '../core/contract'
import { createSession } from './session'

// Symbol.for is shared by every copy of the bundle on the page (a script tag and the theme's own
// webpack bundle, say): the first copy creates the engine, the others use it. The suffix is the
// Session contract's version, not the package's: bump it when Session, EngineChunks or the
// mangled names in vite.config.ts change, so that copies of two builds keep engines apart.
const KEY = Symbol.for('stencil-b2b-auth@2')

/** The page's one engine, created on first use. */
export function session(): Session {
  const holder = globalThis as typeof globalThis & { [KEY]?: Session }
  return (holder[KEY] ??= createSession())
}
