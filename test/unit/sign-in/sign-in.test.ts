import { buildSchema, parse, validate } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOGIN_MUTATION, USER_COMPANY_QUERY, USER_KIND_QUERY } from '../../../src/sign-in/sign-in'

const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../sim/b2b-full-schema.graphql'), 'utf8'))

describe("signIn()'s documents", () => {
  it.each([
    ['the login mutation', LOGIN_MUTATION],
    ['what kind of user', USER_KIND_QUERY],
    ["the company's status", USER_COMPANY_QUERY],
  ])('%s is valid against the B2B Edition schema', (_, document) => {
    expect(validate(schema, parse(document))).toEqual([])
  })
})
