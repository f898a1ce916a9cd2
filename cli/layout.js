// templates/layout/base.html: the partial's include on the line after {{{head.scripts}}}, in
// <head>, so the tag is in the page before any theme script runs (theme-snippets/README.md).

export const INCLUDE = '{{> components/b2b-auth}}'

/**
 * @param {string} html base.html
 * @returns {{ text: string } | { error: string }} base.html with the include, unchanged if it has one
 */
export function includePartial(html) {
  if (/\{\{>\s*components\/b2b-auth\s*\}\}/.test(html)) return { text: html }
  const match = /^([ \t]*)\{\{\{~?\s*head\.scripts\s*~?\}\}\}[^\n]*\n?/m.exec(html)
  if (!match) return { error: `no {{{head.scripts}}} to put "${INCLUDE}" after: add it in <head> by hand` }
  const end = match.index + match[0].length
  const newline = match[0].endsWith('\n') ? '' : '\n'
  return { text: `${html.slice(0, end)}${newline}${match[1]}${INCLUDE}\n${html.slice(end)}` }
}
