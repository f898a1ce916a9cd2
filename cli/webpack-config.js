// The theme's webpack.common.js: a copy-webpack-plugin step that puts the installed package's
// dist/*.js into assets/dist/ on every build, after the CleanWebpackPlugin that empties that
// folder (theme-snippets/README.md, step 2). A text edit, so the developer's file keeps its form.

const MARKER = 'stencil-b2b-auth/dist/'

/** @param {string} indent */
const copyStep = (indent) =>
  [
    `// stencil-b2b-auth: the module and its chunks, side by side in assets/dist/ (already minified).`,
    `new CopyPlugin({`,
    `    patterns: [{`,
    `        from: 'node_modules/${MARKER}*.js',`,
    `        to: '[name][ext]',`,
    `        info: { minimized: true },`,
    `    }],`,
    `}),`,
  ]
    .map((line) => indent + line)
    .join('\n')

/**
 * The index just past the bracket or parenthesis that closes the one at `open`, skipping strings
 * and comments; -1 if it is never closed.
 * @param {string} text @param {number} open
 */
function closing(text, open) {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++
    } else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 1
    else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return -1
}

/**
 * @param {string} source webpack.common.js
 * @returns {{ text: string } | { error: string }}
 */
export function addCopyStep(source) {
  if (source.includes(MARKER)) return { text: source }
  const hint = 'add the CopyPlugin step of theme-snippets/README.md (step 2) by hand'
  // webpack's own plugins list (not a babel-loader's): the one with a `new …Plugin(` in it.
  let listStart = -1
  let listEnd = -1
  for (const match of source.matchAll(/\bplugins\s*:\s*\[/g)) {
    const start = /** @type {number} */ (match.index) + match[0].length - 1
    const end = closing(source, start)
    if (end !== -1 && /\bnew\s+[\w.]+\s*\(/.test(source.slice(start, end))) {
      listStart = start
      listEnd = end
      if (/new\s+CleanWebpackPlugin\s*\(/.test(source.slice(start, end))) break
    }
  }
  if (listStart === -1) return { error: `no "plugins: [new …]" list found: ${hint}` }
  const list = source.slice(listStart, listEnd)
  // After the cleaner, which would delete the copies; else first in the list.
  const clean = /new\s+CleanWebpackPlugin\s*\(/.exec(list)
  let at
  if (clean) {
    const end = closing(source, listStart + clean.index + clean[0].length - 1)
    if (end === -1) return { error: `CleanWebpackPlugin( does not close: ${hint}` }
    at = end + (/^\s*,/.exec(source.slice(end))?.[0].length ?? 0)
    if (source[at - 1] !== ',') return { error: `no comma after CleanWebpackPlugin(…): ${hint}` }
  } else at = listStart + 1
  const lineStart = source.lastIndexOf('\n', clean ? listStart + clean.index : at) + 1
  const indent = clean ? (/^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '') : (/\n([ \t]*)\S/.exec(source.slice(at))?.[1] ?? '    ')
  let text = `${source.slice(0, at)}\n${copyStep(indent)}${source.slice(at)}`

  // The import, after the file's last top-level require or import line.
  const esm = /^import\s/m.test(source) && !/\brequire\(/.test(source)
  const line = esm ? "import CopyPlugin from 'copy-webpack-plugin';" : "const CopyPlugin = require('copy-webpack-plugin');"
  const imports = [...text.matchAll(esm ? /^import\s[^\n]*\n/gm : /^(?:const|let|var)\s[^\n]*\brequire\([^\n]*\n/gm)]
  const last = imports.at(-1)
  const after = last ? /** @type {number} */ (last.index) + last[0].length : 0
  text = `${text.slice(0, after)}${line}\n${text.slice(after)}`
  return { text }
}

/**
 * The theme's package.json with `name` in devDependencies, unless it has it already.
 * @param {string} source @param {string} name @param {string} range
 * @returns {{ text: string } | { error: string }}
 */
export function addDevDependency(source, name, range) {
  let pkg
  try {
    pkg = JSON.parse(source)
  } catch {
    return { error: `is not valid JSON: add ${name} to devDependencies by hand` }
  }
  if (pkg.dependencies?.[name] || pkg.devDependencies?.[name]) return { text: source }
  const devDependencies = { ...pkg.devDependencies, [name]: range }
  pkg.devDependencies = Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b)))
  const indent = /^([ \t]+)"/m.exec(source)?.[1] ?? '  '
  return { text: JSON.stringify(pkg, null, indent) + (source.endsWith('\n') ? '\n' : '') }
}

/**
 * webpack.common.js without the copy step addCopyStep() wrote, and without its CopyPlugin import
 * once nothing else uses it (`remove`).
 * @param {string} source
 * @returns {{ text: string } | { error: string }}
 */
export function removeCopyStep(source) {
  if (!source.includes(MARKER)) return { text: source }
  const step =
    /\n[ \t]*\/\/ stencil-b2b-auth: the module and its chunks[^\n]*\n[ \t]*new CopyPlugin\(\{\s*patterns: \[\{\s*from: 'node_modules\/stencil-b2b-auth\/dist\/\*\.js',\s*to: '\[name\]\[ext\]',\s*info: \{ minimized: true \},\s*\}\],\s*\}\),/
  let text = source.replace(step, '')
  if (text.includes(MARKER)) return { error: 'the CopyPlugin step for stencil-b2b-auth/dist/ is not as init wrote it: delete it by hand' }
  if (!/\bnew\s+CopyPlugin\b/.test(text)) {
    text = text.replace(/^(?:const CopyPlugin = require\('copy-webpack-plugin'\);|import CopyPlugin from 'copy-webpack-plugin';)\r?\n/m, '')
  }
  return { text }
}

/**
 * The theme's package.json without `name` in devDependencies (`remove`).
 * @param {string} source @param {string} name
 * @returns {{ text: string } | { error: string }}
 */
export function removeDevDependency(source, name) {
  let pkg
  try {
    pkg = JSON.parse(source)
  } catch {
    return { error: `is not valid JSON: remove ${name} from devDependencies by hand` }
  }
  if (!pkg.devDependencies?.[name]) return { text: source }
  delete pkg.devDependencies[name]
  const indent = /^([ \t]+)"/m.exec(source)?.[1] ?? '  '
  return { text: JSON.stringify(pkg, null, indent) + (source.endsWith('\n') ? '\n' : '') }
}
