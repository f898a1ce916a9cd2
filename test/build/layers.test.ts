import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseAst } from 'rolldown/parseAst'
import { describe, expect, it } from 'vitest'

// The layers of src/, as the bundles are built (vite.config.ts): core/ is shared by every bundle,
// entry/ is the script tag's file, net/ serves the flow and sign-in chunks, and each chunk is a
// folder. What a layer may import, type imports included: a chunk never imports entry/ or another
// chunk, which would pull that code into its file or loop back to the page's entry.
const MAY_IMPORT: Record<string, string[]> = {
  core: ['core'],
  net: ['core', 'net'],
  flow: ['core', 'net', 'flow'],
  'sign-in': ['core', 'net', 'sign-in'],
  badge: ['core', 'api', 'badge'],
  console: ['core', 'api', 'console'],
  entry: ['core', 'api', 'entry'],
  api: ['core'],
  index: ['core', 'api', 'entry'],
}
const PACKAGES: Record<string, RegExp> = { entry: /^idb-keyval$/, badge: /^(preact|preact\/.*|@preact\/signals(-core)?)$/ }
const CHUNKS = ['flow', 'sign-in', 'badge', 'console']

const SRC = resolve('src')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : []
  })
const layerOf = (file: string) => {
  const [first, second] = relative(SRC, file).split('/')
  return second ? first! : first!.replace(/\.tsx?$/, '')
}

interface Import {
  from: string
  to: string
  typeOnly: boolean
  dynamic: boolean
}

/** Every import of a file, resolved to a file of src/ (or left as a package name). */
function importsOf(file: string): Import[] {
  const ast = parseAst(readFileSync(file, 'utf8'), { lang: file.endsWith('x') ? 'tsx' : 'ts' }, file)
  const found: Import[] = []
  const add = (specifier: string, typeOnly: boolean, dynamic: boolean) =>
    found.push({ from: file, to: specifier.startsWith('.') ? resolveSource(dirname(file), specifier) : specifier, typeOnly, dynamic })
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    const n = node as Record<string, unknown> & { type?: string; source?: { value?: unknown } }
    if (
      (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') &&
      typeof n.source?.value === 'string'
    ) {
      add(n.source.value, n.importKind === 'type' || n.exportKind === 'type', false)
    }
    if (n.type === 'ImportExpression' && typeof n.source?.value === 'string') add(n.source.value, false, true)
    Object.values(n).forEach(walk)
  }
  walk(ast.body)
  return found
}

function resolveSource(dir: string, specifier: string): string {
  const base = resolve(dir, specifier)
  const candidate = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (path) => existsSync(path) && statSync(path).isFile(),
  )
  if (!candidate) throw new Error(`${specifier} (from ${relative(SRC, dir)}) resolves to no file`)
  return candidate
}

const all = files(SRC)
const imports = all.flatMap(importsOf)
const local = (i: Import) => i.to.startsWith(SRC)
const show = (i: Import) => `${relative(SRC, i.from)} -> ${local(i) ? relative(SRC, i.to) : i.to}`

describe('the layers of src/', () => {
  it('every file is in a known layer', () => {
    expect(all.map(layerOf).filter((layer) => !(layer in MAY_IMPORT))).toEqual([])
  })

  it('each layer imports only the layers below it: core nothing, a chunk neither entry/ nor another chunk', () => {
    const wrong = imports.filter((i) => local(i) && !i.dynamic && !MAY_IMPORT[layerOf(i.from)]!.includes(layerOf(i.to)))
    expect(wrong.map(show)).toEqual([])
  })

  it('packages are imported only where their bytes are paid: idb-keyval by entry/, Preact by the badge', () => {
    const wrong = imports.filter((i) => !local(i) && !i.to.startsWith('node:') && !PACKAGES[layerOf(i.from)]?.test(i.to))
    expect(wrong.map(show)).toEqual([])
  })

  it('api.ts, the type of window.b2bAuth, is types only', () => {
    expect(imports.filter((i) => layerOf(i.from) === 'api' && !i.typeOnly).map(show)).toEqual([])
  })

  it('chunks are reached only through import() in entry/chunks.ts, one for each chunk folder', () => {
    const dynamic = imports.filter((i) => i.dynamic)
    expect(dynamic.map((i) => relative(SRC, i.from))).toEqual(CHUNKS.map(() => 'entry/chunks.ts'))
    expect(dynamic.map((i) => relative(SRC, i.to)).sort()).toEqual([
      'badge/index.tsx',
      'console/index.ts',
      'flow/index.ts',
      'sign-in/index.ts',
    ])
  })

  it('no import cycles, type imports included', () => {
    const edges = new Map(all.map((file) => [file, imports.filter((i) => i.from === file && local(i) && !i.dynamic).map((i) => i.to)]))
    const cycles: string[] = []
    const done = new Set<string>()
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '))
      if (done.has(file)) return
      for (const next of edges.get(file) ?? []) visit(next, [...path, file])
      done.add(file)
    }
    all.forEach((file) => visit(file, []))
    expect(cycles).toEqual([])
  })

  it('only core/state.ts changes what the engine holds, and publishes its status', () => {
    const writes = /\.(held|hintStale|epoch|flight)\s*(=(?!=)|\+\+|--)|\.publish\(/
    const writers = all.filter((file) => !file.endsWith('/core/state.ts') && writes.test(readFileSync(file, 'utf8')))
    expect(writers.map((file) => relative(SRC, file))).toEqual([])
    expect(writes.test(readFileSync(join(SRC, 'core/state.ts'), 'utf8'))).toBe(true)
  })

  // The rules above pass on an empty list: the reader must see imports of every kind.
  it('the reader finds value, type, re-export and dynamic imports', () => {
    const seen = imports.map((i) => `${show(i)}${i.typeOnly ? ' (type)' : ''}${i.dynamic ? ' (dynamic)' : ''}`)
    expect(seen).toEqual(
      expect.arrayContaining([
        'entry/session.ts -> core/state.ts',
        'entry/session.ts -> core/contract.ts (type)',
        'index.ts -> api.ts (type)',
        'entry/chunks.ts -> flow/index.ts (dynamic)',
        'badge/badge.tsx -> preact',
      ]),
    )
  })
})
