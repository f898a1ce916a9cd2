// `init`: plans every change to the theme first, then prints it and (unless --dry-run) writes it,
// so a theme it refuses, or a step it cannot do, leaves every file as it was.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyChanges, findWebpackConfig, planFor } from './changes.js'
import { includePartial } from './layout.js'
import { copyDistFiles } from './assets.js'
import { mergeConfig, mergeSchema } from './theme-json.js'
import { packageVersion, readStamp, stamped } from './stamp.js'
import { addCopyStep, addDevDependency, COPY_PLUGIN_RANGE } from './webpack-config.js'

/** The installed package: its theme-snippets/ and dist/. */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const SNIPPETS = join(PACKAGE_DIR, 'theme-snippets')
export const PARTIALS = ['b2b-auth.html', 'b2b-sign-in-form.html']

/** "1 file", "7 files". @param {number} n @param {string} noun */
export const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`

/** @typedef {import('./changes.js').Change} Change */

/**
 * @param {string} themeArg the theme's folder
 * @param {{ dryRun?: boolean, force?: boolean, log?: (line: string) => void, warn?: (line: string) => void }} options
 * @returns {number} the exit code: 0, or 1 when the folder is not a theme or a step needs a hand
 *   (then nothing is written)
 */
export function init(themeArg, { dryRun = false, force = false, log = console.log, warn = console.error } = {}) {
  const plan = planFor(themeArg, 'init', warn)
  if (!plan) return 1
  const { theme, read, changes, change, notes, warnings, manual } = plan

  // 1. The partials, stamped with the version: copied when missing; an older version's that nobody
  // edited is replaced; one the developer edited (or wrote) is theirs.
  const version = packageVersion(PACKAGE_DIR)
  for (const file of PARTIALS) {
    const path = `templates/components/${file}`
    const ours = stamped(readFileSync(join(SNIPPETS, 'templates/components', file), 'utf8'), version)
    const theirs = read(path)
    const stamp = theirs === null ? null : readStamp(theirs)
    if (theirs === null || theirs === ours) change(path, ours)
    else if (stamp && !stamp.edited) {
      notes.push(`${path}: replaced stencil-b2b-auth ${stamp.version}'s, unchanged since it was installed, with ${version}'s`)
      change(path, ours)
    } else if (force) {
      warnings.push(`${path} differs from the package's: replaced (--force)`)
      change(path, ours)
    } else {
      const whose = stamp ? `edited since stencil-b2b-auth ${stamp.version} installed it` : 'not installed by init'
      warnings.push(
        `${path} is ${whose}: kept (compare it with node_modules/stencil-b2b-auth/theme-snippets/templates/components/${file}; --force replaces it)`,
      )
    }
  }

  // 2. The include, after {{{head.scripts}}} in base.html.
  const layout = includePartial(/** @type {string} */ (read('templates/layout/base.html')))
  if ('error' in layout) manual.push(`templates/layout/base.html: ${layout.error}`)
  else change('templates/layout/base.html', layout.text)

  // 3. The settings.
  for (const [path, merge] of /** @type {const} */ ([
    ['config.json', mergeConfig],
    ['schema.json', mergeSchema],
  ])) {
    const source = /** @type {string} */ (read(path))
    const result = merge(source, readFileSync(join(SNIPPETS, path), 'utf8'))
    if ('error' in result) manual.push(`${path}: ${result.error}`)
    else {
      warnings.push(...result.warnings.map((w) => `${path}: ${w}`))
      change(path, result.text)
    }
  }

  // 4. dist/*.js in assets/dist: by the theme's webpack build, or copied once without one.
  const webpackFile = findWebpackConfig(theme)
  if (webpackFile) {
    const step = addCopyStep(/** @type {string} */ (read(webpackFile)))
    if ('error' in step) manual.push(`${webpackFile}: ${step.error}`)
    else {
      change(webpackFile, step.text)
      const pkg = read('package.json')
      if (pkg !== null) {
        const deps = addDevDependency(pkg, 'copy-webpack-plugin', COPY_PLUGIN_RANGE)
        if ('error' in deps) manual.push(`package.json: ${deps.error}`)
        else change('package.json', deps.text)
      }
    }
  } else {
    const dist = join(PACKAGE_DIR, 'dist')
    if (!existsSync(join(dist, 'stencil-b2b-auth.js'))) throw new Error(`${dist} is not built: run "npm run build" in stencil-b2b-auth`)
    const existing = existsSync(join(theme, 'assets/dist')) ? readdirSync(join(theme, 'assets/dist')) : []
    for (const file of copyDistFiles(dist, existing)) change(`assets/dist/${file.name}`, file.text)
  }

  // Report, then write.
  const rel = relative(process.cwd(), theme) || 'this folder'
  if (!changes.length && !manual.length) log(`stencil-b2b-auth init: nothing to do, ${rel} already uses stencil-b2b-auth ${version}.`)
  if (!applyChanges(theme, changes, { notes, warnings, manual }, { dryRun, log, warn, command: 'init' })) return 1
  if (changes.length) {
    log(
      dryRun
        ? `stencil-b2b-auth init: --dry-run, nothing written (${count(changes.length, 'file')} would change).`
        : `stencil-b2b-auth init: ${count(changes.length, 'file')} changed in ${rel}.`,
    )
    // What is left to install: the package itself where the build looks for it, and
    // copy-webpack-plugin when init just added it to package.json.
    const installed = (/** @type {string} */ name) => existsSync(join(theme, 'node_modules', name, 'package.json'))
    const added = changes.some((c) => c.path === 'package.json') && !installed('copy-webpack-plugin')
    if (webpackFile && !installed('stencil-b2b-auth')) {
      log(
        'Next: in the theme, npm install the stencil-b2b-auth package (its tarball or git URL; see its README), then npm install, so the build finds node_modules/stencil-b2b-auth/dist.',
      )
    } else if (added) log('Next: npm install (for copy-webpack-plugin), then stencil start.')
    else log('Next: stencil start.')
  }
  return 0
}
