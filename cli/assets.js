// A theme without a webpack build: the package's dist/*.js copied into assets/dist/ once (run
// init again after an upgrade), and an older version's chunks there deleted, since the entry only
// ever loads the chunks of its own build.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const OURS = /^stencil-b2b-auth(-[\w-]+)?\.js$/

/**
 * @param {string} dist the package's dist/
 * @param {string[]} existing the file names in the theme's assets/dist/
 * @returns {{ name: string, text: string | null }[]} every file to write, and (text null) to delete
 */
export function copyDistFiles(dist, existing) {
  const files = readdirSync(dist).filter((name) => OURS.test(name))
  return [
    ...files.map((name) => ({ name, text: readFileSync(join(dist, name), 'utf8') })),
    ...existing.filter((name) => OURS.test(name) && !files.includes(name)).map((name) => ({ name, text: null })),
  ]
}
