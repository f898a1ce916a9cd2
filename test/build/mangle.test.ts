import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAst } from 'rolldown/parseAst'
import { describe, expect, it } from 'vitest'
import { MANGLED, mapHash, sessionContract, type MangleFile } from '../../scripts/mangle-map'

// mangle.json is a contract between the builds of the bundle (as preact/signals' own mangle.json
// is): the engine's internal property names and the short names terser gives them. These are the
// rules that make renaming them safe: a name the DOM or a bundled library uses would be renamed
// there too (terser renames a property name wherever it is read), a name in the map that the code
// no longer uses buys nothing, and a map changed without a new contract version would let two
// builds share one engine under names that mean different things.

const DIST = 'dist'
const built = readdirSync(DIST)
  .filter((f) => /^stencil-b2b-auth(-[\w-]+)?\.js$/.test(f))
  .map((f) => ({ name: f, code: readFileSync(join(DIST, f), 'utf8') }))
const names = Object.keys(MANGLED)
const shortNames = Object.values(MANGLED)

/** Every property name a piece of JavaScript reads, writes or defines (not computed ones). */
function propertyNames(code: string, file: string): Set<string> {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(visit)
    const n = node as { type?: string; computed?: boolean; property?: { name?: string }; key?: { name?: string } }
    if (n.type === 'MemberExpression' && !n.computed && n.property?.name) found.add(n.property.name)
    if ((n.type === 'Property' || n.type === 'MethodDefinition' || n.type === 'PropertyDefinition') && !n.computed && n.key?.name)
      found.add(n.key.name)
    for (const value of Object.values(node)) visit(value)
  }
  visit(parseAst(code, { lang: 'js' }, file))
  return found
}

/** The ES module files of the packages the badge, the entry and the flow bundle. */
const LIBRARIES = [
  'node_modules/preact/dist/preact.mjs',
  'node_modules/preact/jsx-runtime/dist/jsxRuntime.mjs',
  'node_modules/@preact/signals-core/dist/signals-core.mjs',
  'node_modules/idb-keyval/dist/index.js',
]

/** Terser's list of the DOM's property names (`tools/domprops.js`): with it, it never renames them. */
const domProps = (): Set<string> => {
  const text = readFileSync('node_modules/terser/tools/domprops.js', 'utf8')
  return new Set([...text.matchAll(/"([\w$]+)"/g)].map((m) => m[1]!))
}

describe('mangle.json', () => {
  it('has a contract version for its map, which the entry is built with', () => {
    const version = sessionContract()
    const entry = built.find((f) => f.name === 'stencil-b2b-auth.js')!.code
    expect(entry).toContain(`Symbol.for("stencil-b2b-auth@${version}")`)
  })

  it('refuses a map changed without a new contract version, and takes the highest version of a map', () => {
    const file = JSON.parse(readFileSync('mangle.json', 'utf8')) as MangleFile
    const changed = { ...file.props, extraName: '$zz' }
    expect(() => sessionContract({ ...file, props: changed })).toThrow(/changed without a new contract version: add "\d+"/)
    const version = Number(sessionContract(file))
    // Session's shape changed, not the map: a new version with the same hash.
    expect(sessionContract({ ...file, contracts: { ...file.contracts, [version + 1]: mapHash(file.props) } })).toBe(String(version + 1))
    expect(sessionContract({ props: changed, contracts: { ...file.contracts, [version + 1]: mapHash(changed) } })).toBe(String(version + 1))
  })

  it('gives each name its own short name', () => {
    expect(new Set(shortNames).size).toBe(shortNames.length)
    for (const short of shortNames) expect(short).toMatch(/^\$[0-9a-z]+$/)
  })

  it('names no property the DOM has: terser leaves those alone, and must (a DOM property renamed breaks the page)', () => {
    const dom = domProps()
    // A list that reads: the DOM's own names are in it.
    expect(dom.has('addEventListener') && dom.has('objectStore') && dom.has('config')).toBe(true)
    expect(names.filter((name) => dom.has(name))).toEqual([])
  })

  it('names no property Preact, its signals or idb-keyval use: their code is bundled, and would be renamed with ours', () => {
    for (const library of LIBRARIES) {
      const used = propertyNames(readFileSync(library, 'utf8'), library)
      // The parse found the library's own properties (Preact's refs' `current`, idb-keyval's `result`).
      expect(used.size).toBeGreaterThan(10)
      expect(
        names.filter((name) => used.has(name)),
        library,
      ).toEqual([])
    }
    expect(propertyNames(readFileSync(LIBRARIES[0]!, 'utf8'), LIBRARIES[0]!).has('current')).toBe(true)
  })

  it('buys something with every name: each short name is in the built files, and no long one is left in them', () => {
    const properties = new Set(built.flatMap((f) => [...propertyNames(f.code, f.name)]))
    expect(shortNames.filter((short) => !properties.has(short))).toEqual([])
    expect(names.filter((name) => properties.has(name))).toEqual([])
  })

  it('is the names marked @mangled where they are declared, no more and no fewer: a reader of the declaration sees it', () => {
    const marked = new Set<string>()
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))
    for (const file of sources) {
      const text = readFileSync(join('src', file), 'utf8')
      // A doc comment holding the tag, then the member it documents: `name:`, `name?:`, `name(` or `name<`.
      for (const m of text.matchAll(/\/\*\*(?:(?!\*\/)[\s\S])*?@mangled\b(?:(?!\*\/)[\s\S])*\*\/\s*(?:readonly\s+)?(\w+)\??\s*[:(<]/g)) {
        marked.add(m[1]!)
      }
    }
    expect([...marked].sort()).toEqual([...names].sort())
  })
})
