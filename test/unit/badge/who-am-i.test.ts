import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { accountKind, companyStatusName, CUSTOMER_INFO, roleName, USER_COMPANY, whoAmI } from '../../../src/badge/who-am-i'
import { B2BAuthError } from '../../../src/core/errors'
import { fakeApi } from './fake-api'

const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../sim/b2b-full-schema.graphql'), 'utf8'))

describe('the documents', () => {
  it.each([
    ['customerInfo', CUSTOMER_INFO],
    ['userCompany', USER_COMPANY],
  ])('%s is valid against the B2B Edition schema', (_name, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([])
  })

  it('asks customerInfo as the Buyer Portal does', () => {
    expect(CUSTOMER_INFO).toBe(
      '{ customerInfo { userType permissions { code permissionLevel } userInfo { id email firstName lastName role companyRoleName } } }',
    )
  })
})

describe('names', () => {
  it.each([
    [0, 'Admin'],
    [1, 'Senior buyer'],
    [2, 'Junior buyer'],
    [3, 'Super admin'],
    [5, 'Custom role'],
    [99, 'B2C customer'],
    [4, 'role 4'],
  ])('role %i is %s', (role, name) => expect(roleName(role)).toBe(name))

  it("prefers the company role's own name", () => {
    expect(roleName(5, 'Purchasing lead')).toBe('Purchasing lead')
    expect(roleName(0, null)).toBe('Admin')
  })

  it('shows no role number where the API gives none', () => expect(roleName(null)).toBe('—'))

  it.each([
    [3, 'B2B'],
    [2, 'B2C'],
    [1, 'no such user'],
    [null, 'unknown'],
    [0, 'unknown'],
    [4, 'unknown'],
  ])('userType %s is the account kind %s', (userType, kind) => expect(accountKind(userType)).toBe(kind))

  it.each([
    [0, 'pending'],
    [1, 'approved'],
    [2, 'rejected'],
    [3, 'inactive'],
    [7, 'status 7'],
  ])('company status %i is %s', (status, name) => expect(companyStatusName(status)).toBe(name))
})

describe('whoAmI()', () => {
  it('for a company user: B2B, the role, and the company with its status', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL
      .mockResolvedValueOnce({
        customerInfo: {
          userType: 3,
          permissions: [],
          userInfo: { id: 7, email: 'ada@example.com', firstName: 'Ada', lastName: 'Buyer', role: 0, companyRoleName: 'Admin' },
        },
      })
      .mockResolvedValueOnce({ userCompany: { id: '101', companyName: 'Acme', companyStatus: 1 } })
    expect(await whoAmI(api)).toEqual({ kind: 'B2B', name: 'Ada Buyer', role: 'Admin', company: 'Acme (approved)' })
    expect(spies.b2bGraphQL.mock.calls).toEqual([[CUSTOMER_INFO], [USER_COMPANY, { userId: 7 }]])
  })

  it('for a B2C customer: B2C, and no company asked for', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType: 2,
        permissions: [],
        userInfo: { id: 2, email: 'bo@example.com', firstName: 'Bo', lastName: 'Shopper', role: 99, companyRoleName: null },
      },
    })
    expect(await whoAmI(api)).toEqual({ kind: 'B2C', name: 'Bo Shopper', role: 'B2C customer' })
    expect(spies.b2bGraphQL).toHaveBeenCalledTimes(1)
  })

  it.each([
    [1, 'no such user'],
    [null, 'unknown'],
  ])('for userType %s: %s, never B2C, and no company asked for', async (userType, kind) => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType,
        permissions: [],
        userInfo: { id: 9, email: null, firstName: null, lastName: null, role: null, companyRoleName: null },
      },
    })
    const who = await whoAmI(api)
    expect(who.kind).toBe(kind)
    expect(who.company).toBeUndefined()
    expect(spies.b2bGraphQL).toHaveBeenCalledTimes(1)
  })

  it('for a super admin: B2B, the role, and no userCompany, which the Portal never asks for one', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType: 3,
        permissions: [],
        userInfo: { id: 6, email: 'sue@example.com', firstName: 'Sue', lastName: 'Super', role: 3, companyRoleName: null },
      },
    })
    expect(await whoAmI(api)).toEqual({ kind: 'B2B', name: 'Sue Super', role: 'Super admin' })
    expect(spies.b2bGraphQL).toHaveBeenCalledTimes(1)
  })

  it('for a B2C customer whose role reads 0 (99 is never an API value): B2C, no company role, no company asked for', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType: 2,
        permissions: [],
        userInfo: { id: 2, email: 'bo@example.com', firstName: 'Bo', lastName: 'Shopper', role: 0, companyRoleName: null },
      },
    })
    expect(await whoAmI(api)).toEqual({ kind: 'B2C', name: 'Bo Shopper', role: 'B2C customer' })
    expect(spies.b2bGraphQL).toHaveBeenCalledTimes(1)
  })

  it('without customerInfo at all: unknown', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({ customerInfo: null })
    expect(await whoAmI(api)).toEqual({ kind: 'unknown', name: '—', role: '—' })
  })

  it('rejects as b2bGraphQL() does', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockRejectedValueOnce(new B2BAuthError('guest', 'nobody is signed in'))
    await expect(whoAmI(api)).rejects.toMatchObject({ code: 'guest' })
  })
})
