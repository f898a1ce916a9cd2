import { buildSchema, parse, validate } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOGIN_MUTATION } from '../../src/sign-in'

const schema = buildSchema(readFileSync(join(import.meta.dirname, '../sim/b2b-full-schema.graphql'), 'utf8'))

describe('the login mutation', () => {
  it('is valid against the B2B Edition schema', () => {
    expect(validate(schema, parse(LOGIN_MUTATION))).toEqual([])
  })
})
