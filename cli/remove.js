// `remove`: reverses every change `init` made, so that after `npm uninstall stencil-b2b-auth` the
// theme builds (no copy step looking for node_modules/stencil-b2b-auth/dist) and no page includes
// a partial whose script 404s. What the developer edited since init is kept, and said so.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { applyChanges } from './changes.js'
import { count, PARTIALS, REQUIRED, SNIPPETS } from './init.js'
import { readStamp } from './stamp.js'
import { removeConfig, removeSchema } from './theme-json.js'
import { removeCopyStep, removeDevDependency } from './webpack-config.js'

/** @typedef {import('./changes.js').Change} Change */

/**
 * @param {string} themeArg the theme's folder
 * @param {{ dryRun?: boolean, force?: boolean, log?: (line: string) => void, warn?: (line: string) => void }} options
 * @returns {number} the exit code: 0, or 1 when the folder is not a theme or a step needs a hand
 *   (then nothing is written)
 */
export function remove(themeArg, { dryRun = false, force = false, log = console.log, warn = console.error } = {}) {
  const theme = resolve(themeArg)
  const missing = REQUIRED.filter((file) => !existsSync(join(theme, file)))
  if (missing.length) {
    warn(`stencil-b2b-auth remove: ${theme} is not a Stencil theme (no ${missing.join(', ')})`)
    return 1
  }
  const read = (/** @type {string} */ path) => (existsSync(join(theme, path)) ? readFileSync(join(theme, path), 'utf8') : null)
  /** @type {Change[]} */
  const changes = []
  /** @type {string[]} */
  const warnings = []
  /** @type {string[]} */
  const manual = []
  const change = (/** @type {string} */ path, /** @type {string | null} */ after) => {
    const before = read(path)
    if (before !== null && before !== after) changes.push({ path, before, after })
  }

  // 1. The partials, unless the developer edited them (or wrote them: init never did).
  for (const file of PARTIALS) {
    const path = `templates/components/${file}`
    const theirs = read(path)
    if (theirs === null) continue
    const stamp = readStamp(theirs)
    if ((stamp && !stamp.edited) || force) change(path, null)
    else
      warnings.push(
        `${path} is ${stamp ? 'edited since init installed it' : 'not installed by init'}: kept (delete it by hand, or --force)`,
      )
  }

  // 2. The include in base.html, the line init added.
  const without = /** @type {string} */ (read('templates/layout/base.html')).replace(
    /^[ \t]*\{\{>\s*components\/b2b-auth\s*\}\}[ \t]*\r?\n/m,
    '',
  )
  if (/components\/b2b-auth\b/.test(without)) {
    manual.push('templates/layout/base.html: includes components/b2b-auth in a form init does not write: delete that include by hand')
  } else change('templates/layout/base.html', without)

  // 3. The settings init merged in: the package's b2b_auth_* keys, and its schema section.
  for (const [path, unmerge] of /** @type {const} */ ([
    ['config.json', removeConfig],
    ['schema.json', removeSchema],
  ])) {
    const result = unmerge(/** @type {string} */ (read(path)), readFileSync(join(SNIPPETS, path), 'utf8'))
    if ('error' in result) manual.push(`${path}: ${result.error}`)
    else change(path, result.text)
  }

  // 4. The copy step in the webpack config, and copy-webpack-plugin once nothing else uses it.
  const webpackFile = ['webpack.common.js', 'webpack.common.cjs', 'webpack.common.mjs'].find((f) => existsSync(join(theme, f)))
  if (webpackFile) {
    const step = removeCopyStep(/** @type {string} */ (read(webpackFile)))
    if ('error' in step) manual.push(`${webpackFile}: ${step.error}`)
    else {
      change(webpackFile, step.text)
      const others = readdirSync(theme).filter((f) => /^webpack\..*\.[cm]?js$/.test(f) && f !== webpackFile)
      const used = [step.text, ...others.map((f) => /** @type {string} */ (read(f)))].some((text) => text.includes('copy-webpack-plugin'))
      const pkg = read('package.json')
      if (pkg !== null && !used) {
        const deps = removeDevDependency(pkg, 'copy-webpack-plugin')
        if ('error' in deps) manual.push(`package.json: ${deps.error}`)
        else change('package.json', deps.text)
      }
    }
  }

  // 5. The module's files in assets/dist/ (copied by init without webpack, or by the last build).
  const dist = join(theme, 'assets/dist')
  if (existsSync(dist)) {
    for (const name of readdirSync(dist).filter((f) => /^stencil-b2b-auth(-[\w-]+)?\.js$/.test(f))) change(`assets/dist/${name}`, null)
  }

  const rel = relative(process.cwd(), theme) || '.'
  if (!changes.length && !manual.length) log(`stencil-b2b-auth remove: nothing to do, ${rel} does not use stencil-b2b-auth.`)
  if (!applyChanges(theme, changes, { notes: [], warnings, manual }, { dryRun, log, warn, command: 'remove' })) return 1
  if (changes.length) {
    log(
      dryRun
        ? `stencil-b2b-auth remove: --dry-run, nothing written (${count(changes.length, 'file')} would change).`
        : `stencil-b2b-auth remove: ${count(changes.length, 'file')} changed in ${rel}.`,
    )
    if (!dryRun) log('Next: npm uninstall stencil-b2b-auth (and npm install, if copy-webpack-plugin went from package.json).')
  }
  return 0
}
