// A unified diff of one file for --dry-run, with three lines of context: Myers' O(ND) algorithm,
// fast for init's few inserted lines in a long file, and no diff library needed at run time.

/** @param {string | null} text */
const lines = (text) => (text === null ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'))

/**
 * The edit script from a to b: ' ' kept, '-' removed, '+' added, with the line.
 * @param {string[]} a @param {string[]} b
 * @returns {[' ' | '-' | '+', string][]}
 */
function edits(a, b) {
  const max = a.length + b.length
  /** @type {Map<number, number>[]} */
  const trace = []
  /** @type {Map<number, number>} */
  let v = new Map([[1, 0]])
  found: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v))
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1))
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1
      let y = x - k
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++
        y++
      }
      v.set(k, x)
      if (x >= a.length && y >= b.length) break found
    }
  }
  /** @type {[' ' | '-' | '+', string][]} */
  const script = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const w = /** @type {Map<number, number>} */ (trace[d])
    const k = x - y
    const down = k === -d || (k !== d && (w.get(k - 1) ?? -1) < (w.get(k + 1) ?? -1))
    const prevK = down ? k + 1 : k - 1
    const prevX = w.get(prevK) ?? 0
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      script.push([' ', /** @type {string} */ (a[--x])])
      y--
    }
    if (d > 0) script.push(down ? ['+', /** @type {string} */ (b[--y])] : ['-', /** @type {string} */ (a[--x])])
  }
  return script.reverse()
}

/**
 * @param {string} path
 * @param {string | null} before null for a new file
 * @param {string | null} after null for a deleted file
 */
export function unifiedDiff(path, before, after) {
  const a = lines(before)
  const b = lines(after)
  const script = edits(a, b)
  const out = [`--- ${before === null ? '/dev/null' : `a/${path}`}`, `+++ ${after === null ? '/dev/null' : `b/${path}`}`]
  const changed = script.flatMap(([op], i) => (op === ' ' ? [] : [i]))
  let i = 0
  while (i < changed.length) {
    // One hunk: changes less than seven lines apart, with three lines of context around them.
    let j = i
    while (j + 1 < changed.length && /** @type {number} */ (changed[j + 1]) - /** @type {number} */ (changed[j]) <= 7) j++
    const from = Math.max(0, /** @type {number} */ (changed[i]) - 3)
    const to = Math.min(script.length, /** @type {number} */ (changed[j]) + 4)
    const before = script.slice(0, from)
    const oldStart = before.filter(([op]) => op !== '+').length
    const newStart = before.filter(([op]) => op !== '-').length
    const hunk = script.slice(from, to)
    const oldCount = hunk.filter(([op]) => op !== '+').length
    const newCount = hunk.filter(([op]) => op !== '-').length
    out.push(`@@ -${oldStart + (oldCount ? 1 : 0)},${oldCount} +${newStart + (newCount ? 1 : 0)},${newCount} @@`)
    out.push(...hunk.map(([op, line]) => op + line))
    i = j + 1
  }
  return out.join('\n')
}
