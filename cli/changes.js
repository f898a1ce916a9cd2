// What init and remove share: every change is planned first, then printed and (unless --dry-run)
// written, so that a theme refused, or a step that needs a hand, leaves every file as it was.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { unifiedDiff } from './diff.js'

/**
 * @typedef {{ path: string, before: string | null, after: string | null }} Change
 *   A file to create (before null), change, or delete (after null), relative to the theme.
 */

/** What makes a folder a Stencil theme, for init and remove. */
export const REQUIRED = ['config.json', 'schema.json', 'templates/layout/base.html']

/** The theme's webpack config that init edits (and remove undoes), if it has one. @param {string} theme */
export const findWebpackConfig = (theme) =>
  ['webpack.common.js', 'webpack.common.cjs', 'webpack.common.mjs'].find((file) => existsSync(join(theme, file)))

/**
 * The theme a command works on, and its plan: `read` a file of it (null when missing), `change`
 * one (planned only where it differs; a delete only of a file that exists), and what to say. Null,
 * said in one line, when the folder is not a Stencil theme.
 * @param {string} themeArg @param {string} command @param {(line: string) => void} warn
 */
export function planFor(themeArg, command, warn) {
  const theme = resolve(themeArg)
  const missing = REQUIRED.filter((file) => !existsSync(join(theme, file)))
  if (missing.length) {
    warn(`stencil-b2b-auth ${command}: ${theme} is not a Stencil theme (no ${missing.join(', ')})`)
    return null
  }
  const read = (/** @type {string} */ path) => (existsSync(join(theme, path)) ? readFileSync(join(theme, path), 'utf8') : null)
  /** @type {Change[]} */
  const changes = []
  const change = (/** @type {string} */ path, /** @type {string | null} */ after) => {
    const before = read(path)
    if (before !== after && !(before === null && after === null)) changes.push({ path, before, after })
  }
  return {
    theme,
    read,
    changes,
    change,
    notes: /** @type {string[]} */ ([]),
    warnings: /** @type {string[]} */ ([]),
    manual: /** @type {string[]} */ ([]),
  }
}

/**
 * Prints the changes (a diff each with --dry-run), the notes, warnings and steps to do by hand,
 * then writes the changes unless there is a step to do by hand or it is a dry run.
 * @param {string} theme
 * @param {Change[]} changes
 * @param {{ notes: string[], warnings: string[], manual: string[] }} said
 * @param {{ dryRun: boolean, log: (line: string) => void, warn: (line: string) => void, command: string }} options
 * @returns {boolean} false when a step needs a hand (then nothing was written)
 */
export function applyChanges(theme, changes, { notes, warnings, manual }, { dryRun, log, warn, command }) {
  for (const { path, before, after } of changes) {
    if (dryRun) log(unifiedDiff(path, before, after))
    else log(`${manual.length ? 'would have ' : ''}${before === null ? 'created' : after === null ? 'deleted' : 'updated'} ${path}`)
  }
  for (const line of notes) log(line)
  for (const line of warnings) warn(`warning: ${line}`)
  for (const line of manual) warn(`do by hand: ${line}`)
  // All or nothing: with a step left to do by hand, the theme stays as it was.
  if (manual.length) {
    warn(
      `stencil-b2b-auth ${command}: nothing written; do the step${manual.length > 1 ? 's' : ''} above by hand (or fix what stops ${manual.length > 1 ? 'them' : 'it'}), then run ${command} again.`,
    )
    return false
  }
  if (!dryRun) {
    for (const { path, after } of changes) {
      const file = join(theme, path)
      if (after === null) rmSync(file)
      else {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, after)
      }
    }
  }
  return true
}
