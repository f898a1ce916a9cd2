import { afterEach, describe, expect, it } from 'vitest'
import { isObject, own, ownCopy, parseBare } from '../../../src/core/own'

const polluted = Object.prototype as Record<string, unknown>

afterEach(() => {
  delete polluted.token
  delete polluted.errors
})

describe('parseBare', () => {
  it('parses every object in the text without a prototype, arrays kept as arrays', () => {
    const parsed = parseBare('{"data":{"authorization":{"result":{}}},"errors":[{"message":"x"}]}') as Record<string, any>
    for (const object of [parsed, parsed.data, parsed.data.authorization, parsed.data.authorization.result, parsed.errors[0]]) {
      expect(Object.getPrototypeOf(object)).toBeNull()
    }
    expect(Array.isArray(parsed.errors)).toBe(true)
    expect(parseBare('"text"')).toBe('text')
  })

  it('a field the answer lacks is absent, whatever a page put on Object.prototype', () => {
    polluted.token = 'planted'
    polluted.errors = [{ message: 'planted' }]
    const parsed = parseBare('{"data":{"authorization":{"result":{}}}}') as Record<string, any>
    expect(parsed.errors).toBeUndefined()
    expect(parsed.data.authorization.result.token).toBeUndefined()
  })
})

describe('own and ownCopy', () => {
  it('read only what the value holds itself', () => {
    polluted.token = 'planted'
    expect(own({}, 'token')).toBeUndefined()
    expect(own({ token: 'mine' }, 'token')).toBe('mine')
    expect(own('text', 'token')).toBeUndefined()
    expect((ownCopy(null) as Record<string, unknown>).token).toBeUndefined()
  })

  it('isObject: a plain object, not null nor an array', () => {
    expect([isObject({}), isObject(null), isObject([]), isObject('x')]).toEqual([true, false, false, false])
  })
})
