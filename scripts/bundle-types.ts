// Bundles the declarations tsc emits (tsconfig.build.json, into build/types/) into one
// dist/index.d.ts with no relative imports, so the package's types resolve the same under
// moduleResolution bundler, node16 and nodenext (ESM .d.ts files importing './config' without an
// extension do not resolve under node16). rolldown-plugin-dts: the bundler Vite's own rolldown
// takes as a plugin; it keeps `declare global` (window.b2bAuth) and `typeof import('./index').x`,
// which API Extractor drops or rewrites, and it reads TypeScript 7's output without needing
// TypeScript's JavaScript API (which TypeScript 7 no longer ships; rollup-plugin-dts needs it). Its input is
// declarations already, so the oxc generator (no TypeScript at all) only parses them.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'rolldown'
import { dts } from 'rolldown-plugin-dts'

const ROOT = join(import.meta.dirname, '..')

await build({
  cwd: ROOT,
  input: { index: join(ROOT, 'build/types/index.d.ts') },
  plugins: [dts({ dtsOnly: true, generator: 'oxc', tsconfig: false })],
  output: { dir: join(ROOT, 'dist'), format: 'es' },
  logLevel: 'warn',
})
rmSync(join(ROOT, 'build'), { recursive: true, force: true })
