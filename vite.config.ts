import { readdirSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'

// Two builds, so that each file stands alone and can be served from any path:
// - `vite build --mode flow`: src/flow.ts, the network flow, as dist/stencil-b2b-auth-flow-<hash>.js
//   with no imports (a warm page view never downloads it);
// - `vite build`: src/index.ts as dist/stencil-b2b-auth.js, whose only reference to the flow is an
//   import() of that file, relative to its own URL. Renaming the entry, or loading it with a query
//   string, cannot break it or load a second copy of it.
const FLOW = /^stencil-b2b-auth-flow-[\w-]+\.js$/

function flowChunk(): Plugin {
  return {
    name: 'stencil-b2b-auth:flow-chunk',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id !== './flow' || !importer?.endsWith('/src/session.ts')) return null
      const file = readdirSync('dist').find((name) => FLOW.test(name))
      if (!file) throw new Error('dist/stencil-b2b-auth-flow-*.js is missing: run "vite build --mode flow" first (npm run build does)')
      return { id: `./${file}`, external: true }
    },
  }
}

export default defineConfig(({ mode }) => {
  const flow = mode === 'flow'
  return {
    plugins: flow ? [] : [flowChunk()],
    build: {
      target: 'es2020',
      outDir: 'dist',
      emptyOutDir: flow,
      minify: true,
      // Vite's lib mode leaves ES output unminified; rolldown's own minifier does the whole job.
      rolldownOptions: { output: { minify: true } },
      lib: {
        entry: flow ? 'src/flow.ts' : 'src/index.ts',
        formats: ['es'],
        fileName: flow ? 'stencil-b2b-auth-flow-[hash]' : 'stencil-b2b-auth',
      },
    },
  }
})
