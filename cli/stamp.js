// What `init` installed, recorded in the files it owns: the partials start with a Handlebars
// comment (it renders nothing) naming the package's version and a hash of the rest of the file.
// An upgrade then tells a partial nobody touched (replaced, and said so) from one the developer
// edited (kept, in one line), and `remove` deletes only what is still the package's.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** @param {string} text */
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 12)

const STAMP = /^\{\{!-- stencil-b2b-auth (\S+) ([0-9a-f]{12}):[^\n]*--\}\}\n/

/**
 * Hashes of every partial that 0.1.0, before the stamp, installed without one (each text either
 * file had in its history), so that an upgrade still knows them for the package's own.
 */
const UNSTAMPED = new Set(['1d24130fe994', '04b34c20b353', 'c8478fe5b58b'])

/**
 * The file as init writes it: the stamp line, then the package's text.
 * @param {string} text @param {string} version
 */
export const stamped = (text, version) =>
  `{{!-- stencil-b2b-auth ${version} ${hash(text)}: written by "npx stencil-b2b-auth init", which replaces it on upgrade while it is unchanged; edit it and init keeps your version --}}\n${text}`

/**
 * Who a theme's copy of a partial is: the package's as some version installed it (`version`,
 * '0.1.0' for an unstamped one of that release), and whether it was edited since.
 * @param {string} text
 * @returns {{ version: string, edited: boolean } | null} null: not installed by init (the developer's own)
 */
export function readStamp(text) {
  const match = STAMP.exec(text)
  if (match) return { version: /** @type {string} */ (match[1]), edited: hash(text.slice(match[0].length)) !== match[2] }
  return UNSTAMPED.has(hash(text)) ? { version: '0.1.0', edited: false } : null
}

/** The installed package's version, from its package.json. @param {string} packageDir */
export const packageVersion = (packageDir) => JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version
