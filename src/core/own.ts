/**
 * The object's own enumerable fields in an object without a prototype (nothing for null or
 * undefined), so that every later read, of a field it has or lacks, is its own: a page whose
 * Object.prototype was polluted (`Object.prototype.graphqlEndpoint = …`, through another script's
 * merge bug) must not choose where the token goes, whose it is or when it is minted.
 */
export const ownCopy = <T extends object>(object: T | null | undefined): Partial<T> =>
  Object.assign(Object.create(null) as Partial<T>, object)

/**
 * JSON text parsed with every object in it made without a prototype (arrays aside), where an
 * answer enters the module: a field it lacks is absent, whatever a page put on Object.prototype.
 */
export const parseBare = (text: string): unknown => JSON.parse(text, (_key, value: unknown) => (isObject(value) ? ownCopy(value) : value))

/** A plain object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One field the value holds itself, never one it inherits; undefined for anything else. */
export const own = (value: unknown, key: string): unknown => (ownCopy(Object(value)) as Record<string, unknown>)[key]
