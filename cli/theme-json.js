// The theme's config.json and schema.json with the package's b2b_auth_* settings merged in. Only
// what is missing is added: a setting the theme already has keeps the theme's value. The file is
// written back in its own indentation, and not at all when nothing is missing.

/** @param {string} text */
const indentOf = (text) => /^([ \t]+)["{[]/m.exec(text)?.[1] ?? '  '

/**
 * @param {string} source the file as it was
 * @param {unknown} value the merged JSON
 */
const format = (source, value) => JSON.stringify(value, null, indentOf(source)) + (source.endsWith('\n') ? '\n' : '')

/** @param {string} text @param {string} name */
function parse(text, name) {
  try {
    return { value: JSON.parse(text) }
  } catch (error) {
    return { error: `is not valid JSON (${error instanceof Error ? error.message : error}): merge ${name} by hand` }
  }
}

/**
 * config.json: the package's `settings` defaults into the theme's top-level `settings`.
 * @param {string} theirs
 * @param {string} ours
 * @returns {{ text: string, warnings: string[] } | { error: string }}
 */
export function mergeConfig(theirs, ours) {
  const parsed = parse(theirs, 'theme-snippets/config.json')
  if ('error' in parsed) return { error: parsed.error }
  const config = parsed.value
  if (!config || typeof config !== 'object' || Array.isArray(config))
    return { error: 'is not an object: merge theme-snippets/config.json by hand' }
  const settings = config.settings ?? {}
  const defaults = JSON.parse(ours).settings
  const missing = Object.keys(defaults).filter((key) => !(key in settings))
  if (!missing.length) return { text: theirs, warnings: [] }
  config.settings = { ...settings, ...Object.fromEntries(missing.map((key) => [key, defaults[key]])) }
  return { text: format(theirs, config), warnings: [] }
}

/**
 * schema.json: the package's "B2B Edition" section appended to the theme's array, or, when the
 * theme has that section already, the settings it lacks added to it.
 * @param {string} theirs
 * @param {string} ours
 * @returns {{ text: string, warnings: string[] } | { error: string }}
 */
export function mergeSchema(theirs, ours) {
  const parsed = parse(theirs, 'theme-snippets/schema.json')
  if ('error' in parsed) return { error: parsed.error }
  const schema = parsed.value
  if (!Array.isArray(schema)) return { error: 'is not an array of sections: append theme-snippets/schema.json by hand' }
  const [section] = JSON.parse(ours)
  const existing = schema.find((s) => s && s.name === section.name)
  /** @param {{ settings?: { id?: string }[] }} s */
  const ids = (s) => (Array.isArray(s?.settings) ? s.settings.map((setting) => setting?.id).filter(Boolean) : [])
  if (existing) {
    const have = new Set(ids(existing))
    /** @type {{ id?: string }[]} */
    const missing = section.settings.filter((/** @type {{ id?: string }} */ s) => s.id && !have.has(s.id))
    if (!missing.length) return { text: theirs, warnings: [] }
    existing.settings = [...(existing.settings ?? []), ...missing]
    return { text: format(theirs, schema), warnings: [] }
  }
  const elsewhere = ids(section).filter((id) => schema.some((s) => ids(s).includes(id)))
  if (elsewhere.length) {
    return { text: theirs, warnings: [`has ${elsewhere.join(', ')} outside a "${section.name}" section: left as it is`] }
  }
  return { text: format(theirs, [...schema, section]), warnings: [] }
}

/**
 * config.json without the package's settings (`remove`): the keys of its `settings`, whatever
 * value the theme gave them.
 * @param {string} theirs
 * @param {string} ours
 * @returns {{ text: string } | { error: string }}
 */
export function removeConfig(theirs, ours) {
  const parsed = parse(theirs, 'theme-snippets/config.json')
  if ('error' in parsed) return { error: parsed.error.replace('merge', 'remove the b2b_auth_* settings of') }
  const config = parsed.value
  const keys = Object.keys(JSON.parse(ours).settings)
  if (!config?.settings || !keys.some((key) => key in config.settings)) return { text: theirs }
  for (const key of keys) delete config.settings[key]
  return { text: format(theirs, config) }
}

/**
 * schema.json without the package's settings (`remove`): its section, or, where the theme added
 * settings of its own to that section, the package's settings in it.
 * @param {string} theirs
 * @param {string} ours
 * @returns {{ text: string } | { error: string }}
 */
export function removeSchema(theirs, ours) {
  const parsed = parse(theirs, 'theme-snippets/schema.json')
  if ('error' in parsed) return { error: parsed.error.replace('merge', 'remove the "B2B Edition" section of') }
  const schema = parsed.value
  if (!Array.isArray(schema)) return { text: theirs }
  const [section] = JSON.parse(ours)
  const index = schema.findIndex((s) => s && s.name === section.name)
  if (index === -1) return { text: theirs }
  const ids = new Set(section.settings.map((/** @type {{ id?: string }} */ s) => s.id).filter(Boolean))
  const same = (/** @type {unknown} */ a) => section.settings.some((/** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b))
  const kept = (schema[index].settings ?? []).filter((/** @type {{ id?: string }} */ s) => !(s?.id && ids.has(s.id)) && !same(s))
  if (kept.length) schema[index].settings = kept
  else schema.splice(index, 1)
  return { text: format(theirs, schema) }
}
