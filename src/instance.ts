import { createSession, type Session } from './session'

// Symbol.for is shared by every copy of the bundle on the page (a script tag and the theme's own
// webpack bundle, say): the first copy creates the engine, the others use it. The suffix is the
// Session contract's version, not the package's.
const KEY = Symbol.for('stencil-b2b-auth/session@1')

/** The page's one engine, created on first use. */
export function session(): Session {
  const holder = globalThis as typeof globalThis & { [KEY]?: Session }
  return (holder[KEY] ??= createSession())
}
