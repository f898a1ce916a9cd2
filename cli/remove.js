// `remove`: reverses every change `init` made, so that after `npm uninstall stencil-b2b-auth` the
// theme builds (no copy step looking for node_modules/stencil-b2b-auth/dist) and no page includes
// a partial whose script 404s. What the developer edited since init is kept, and said so.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { applyChanges, findWebpackConfig, planFor } from './changes.js'
import { count, PARTIALS, SNIPPETS } from './init.js'
import { readStamp } from './stamp.js'
import { removeConfig, removeSchema } from './theme-json.js'
import { COPY_PLUGIN_RANGE, removeCopyStep, removeDevDependency } from './webpack-config.js'

/** @typedef {import('./changes.js').Change} Change */

/**
 * @param {string} themeArg the theme's folder
 * @param {{ dryRun?: boolean, force?: boolean, log?: (line: string) => void, warn?: (line: string) => void }} options
 * @returns {number} the exit code: 0, or 1 when the folder is not a theme or a step needs a hand
 *   (then nothing is written)
 */
export function remove(themeArg, { dryRun = false, force = false, log = console.log, warn = console.error } = {}) {
  const plan = planFor(themeArg, 'remove', warn)
  if (!plan) return 1
  const { theme, read, changes, change, notes, warnings, manual } = plan

  // 1. The partials, unless the developer edited them (or wrote them: init never did), or a
  // template of the theme still includes one (the sign-in form in a login page, say): deleted, it
  // would fail the theme's build.
  const templates = readdirSync(join(theme, 'templates'), { recursive: true })
    .map(String)
    .filter(
      (file) =>
        file.endsWith('.html') && file !== join('layout', 'base.html') && !PARTIALS.map((p) => join('components', p)).includes(file),
    )
  for (const file of PARTIALS) {
    const path = `templates/components/${file}`
    const theirs = read(path)
    if (theirs === null) continue
    const include = new RegExp(`\\{\\{>\\s*components/${file.replace(/\.html$/, '')}\\b`)
    // Handlebars comments ({{!-- … --}}) include nothing.
    const code = (/** @type {string} */ t) => /** @type {string} */ (read(join('templates', t))).replace(/\{\{!--[\s\S]*?--\}\}/g, '')
    const users = templates.filter((t) => include.test(code(t)))
    const stamp = readStamp(theirs)
    if (users.length) {
      manual.push(`${path}: still included by ${users.map((t) => join('templates', t)).join(', ')}: take the include out there first`)
    } else if ((stamp && !stamp.edited) || force) change(path, null)
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
  const webpackFile = findWebpackConfig(theme)
  if (webpackFile) {
    const step = removeCopyStep(/** @type {string} */ (read(webpackFile)))
    if ('error' in step) manual.push(`${webpackFile}: ${step.error}`)
    else {
      change(webpackFile, step.text)
      const others = readdirSync(theme).filter((f) => /^webpack\..*\.[cm]?js$/.test(f) && f !== webpackFile)
      const used = [step.text, ...others.map((f) => /** @type {string} */ (read(f)))].some((text) => text.includes('copy-webpack-plugin'))
      const pkg = read('package.json')
      if (pkg !== null && !used) {
        const deps = removeDevDependency(pkg, 'copy-webpack-plugin', COPY_PLUGIN_RANGE)
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

  const rel = relative(process.cwd(), theme) || 'this folder'
  if (!changes.length && !manual.length) log(`stencil-b2b-auth remove: nothing to do, ${rel} does not use stencil-b2b-auth.`)
  if (!applyChanges(theme, changes, { notes, warnings, manual }, { dryRun, log, warn, command: 'remove' })) return 1
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
