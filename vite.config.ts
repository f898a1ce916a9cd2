import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { minify } from 'terser'
import { defineConfig, type Plugin } from 'vite'
import { MANGLED, sessionContract } from './scripts/mangle-map.ts'

// Separate builds, so that each file stands alone and can be served from any path:
// - `vite build --mode flow`: src/flow/, the network flow, as dist/stencil-b2b-auth-flow-<hash>.js
//   (a warm page view never downloads it);
// - `vite build --mode badge`: src/badge/, the status badge with Preact, as
//   dist/stencil-b2b-auth-badge-<hash>.js (only a page with the badge on downloads it);
// - `vite build --mode console`: src/console/, help(), status(), refresh() and debug(), as
//   dist/stencil-b2b-auth-console-<hash>.js (only someone at the browser console downloads it);
// - `vite build --mode sign-in`: src/sign-in/, signIn() and signOut() with the login mutation, as
//   dist/stencil-b2b-auth-sign-in-<hash>.js (only a theme's own sign-in form uses it);
// - `vite build`: src/index.ts as dist/stencil-b2b-auth.js, whose only references to the others are
//   import() calls of those files, relative to its own URL, all in src/entry/chunks.ts.
// Rolldown's code splitting would have the chunks import shared code back from the entry by file
// name, which breaks when a theme renames the entry and loads a second copy when its URL has a
// query string. Standing alone, each chunk carries its own copy of what it shares (the error class
// answers instanceof for every copy), and its content hash keeps a CDN from pairing versions.
const CHUNKS: Record<string, { entry: string }> = {
  flow: { entry: 'src/flow/index.ts' },
  badge: { entry: 'src/badge/index.tsx' },
  'sign-in': { entry: 'src/sign-in/index.ts' },
  console: { entry: 'src/console/index.ts' },
}

function chunkImports(): Plugin {
  return {
    name: 'stencil-b2b-auth:chunks',
    enforce: 'pre',
    resolveId(id, importer) {
      const name = Object.keys(CHUNKS).find((key) => id === `../${key}`)
      if (!name || !importer?.endsWith('/src/entry/chunks.ts')) return null
      const file = readdirSync('dist').find((f) => new RegExp(`^stencil-b2b-auth-${name}-[\\w-]+\\.js$`).test(f))
      if (!file)
        throw new Error(`dist/stencil-b2b-auth-${name}-*.js is missing: run "vite build --mode ${name}" first (npm run build does)`)
      return { id: `./${file}`, external: true }
    },
  }
}

// The engine's internal property names, shortened to the same names in all five builds (a fixed
// name cache, as the builds run apart), which the warm path's byte budget needs: the map and the
// Session contract version it belongs to are in mangle.json, whose rules test/build/mangle.test.ts
// holds. No name there is one terser knows from the DOM, so the DOM's (and the bundled libraries')
// properties are never renamed.
const MANGLE_REGEX = new RegExp(`^(${Object.keys(MANGLED).join('|')})$`)

/** Eight URL-safe characters of the code's SHA-256, as rolldown's own [hash] looks. */
const contentHash = (code: string) => createHash('sha256').update(code).digest('base64url').slice(0, 8)

/**
 * Terser over rolldown's output: its compressor passes and the property names above buy the entry
 * a few hundred bytes of gzip that rolldown's minifier leaves.
 */
function terse(chunk?: string): Plugin {
  const props = Object.fromEntries(Object.entries(MANGLED).map(([name, short]) => ['$' + name, short]))
  return {
    name: 'stencil-b2b-auth:terser',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue
        const result = await minify(file.code, {
          module: true,
          ecma: 2020,
          compress: {
            passes: 6,
            keep_fargs: false,
            pure_getters: true,
            unsafe: true,
            unsafe_arrows: true,
            unsafe_methods: true,
            unsafe_comps: true,
            unsafe_math: true,
            unsafe_undefined: true,
          },
          mangle: { properties: { regex: MANGLE_REGEX } },
          nameCache: { props: { props: { ...props } } },
          format: { comments: false, wrap_func_args: false },
        })
        file.code = result.code!
        // A chunk's name carries the hash of what it is after this pass, not before: rolldown
        // hashed it before terser ran, and a change to the mangled names alone (which the entry
        // depends on) must give a new name, or a CDN could pair a new entry with an old chunk.
        if (chunk) file.fileName = `stencil-b2b-auth-${chunk}-${contentHash(file.code)}.js`
      }
    },
  }
}

export default defineConfig(({ mode }) => {
  const chunk = CHUNKS[mode]
  return {
    plugins: chunk ? [terse(mode)] : [chunkImports(), terse()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // The key copies of the bundle share the page's engine by (src/entry/instance.ts).
    define: { __SESSION_CONTRACT__: JSON.stringify(sessionContract()) },
    build: {
      target: 'es2020',
      outDir: 'dist',
      // The first build of `npm run build` (flow) starts from an empty dist/.
      emptyOutDir: mode === 'flow',
      minify: true,
      // Vite's lib mode leaves ES output unminified; rolldown's own minifier does the whole job.
      // Comments (pure annotations included) are for bundlers, not for every page view.
      // No plugin-timing report: terser's pass is slow on purpose (six compress passes), every build.
      rolldownOptions: { output: { minify: true, comments: false }, checks: { pluginTimings: false } },
      lib: {
        entry: chunk ? chunk.entry : 'src/index.ts',
        formats: ['es'],
        fileName: chunk ? `stencil-b2b-auth-${mode}-[hash]` : 'stencil-b2b-auth',
      },
    },
  }
})
