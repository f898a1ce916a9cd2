// dist/webpack/stencil-b2b-auth.js: the entry as webpack gets it (package.json "exports", the
// "webpack" condition). webpack replaces `import.meta.url` with the file's path on the build
// machine (`file:///home/…/node_modules/stencil-b2b-auth/dist/stencil-b2b-auth.js`), which would
// then ship in the theme's bundle. A bundled copy has no script tag of its own to find by URL (it
// finds the page's tag by file name), so this copy passes a value no script's src ever equals
// instead, and imports the chunks from the folder above. Same code otherwise; the browser's entry
// is untouched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const DIST = join(import.meta.dirname, '../dist')
const entry = readFileSync(join(DIST, 'stencil-b2b-auth.js'), 'utf8')

const metas = entry.match(/import\.meta\b/g) ?? []
if (metas.length !== 1 || !entry.includes('import.meta.url')) {
  throw new Error(`dist/stencil-b2b-auth.js has ${metas.length} import.meta, expected one import.meta.url: update scripts/webpack-entry.ts`)
}
const chunks = /import\((["'`])\.\/(stencil-b2b-auth-[\w-]+\.js)\1\)/g
const count = entry.match(chunks)?.length ?? 0
if (count < 4) throw new Error(`dist/stencil-b2b-auth.js imports ${count} chunks, expected at least 4: update scripts/webpack-entry.ts`)

// "bundled": not a URL, so never a script's src (an absolute URL, or "" for an inline script).
const forWebpack = entry.replace('import.meta.url', '"bundled"').replace(chunks, 'import($1../$2$1)')
mkdirSync(join(DIST, 'webpack'), { recursive: true })
writeFileSync(join(DIST, 'webpack/stencil-b2b-auth.js'), forWebpack)
