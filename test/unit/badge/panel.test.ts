import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setDebugging } from '../../../src/core/debug'
import { B2BAuthError } from '../../../src/core/errors'
import { fakeApi, IDLE, NOW, READY, TOKEN } from './fake-api'
import { $, button, buttons, host, rows, settle, show, toggle } from './mount'

beforeEach(() => setDebugging(false))
afterEach(() => setDebugging(false))

const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }))

describe('the details panel', () => {
  it('opens on click with the status: store, channel, customer, storage, times, fingerprint, last error', () => {
    const { api } = fakeApi({ error: { code: 'timeout', message: 'renewal took too long' } })
    show(api)
    expect($('[role=dialog]')).toBeNull()
    toggle().click()
    expect(toggle().getAttribute('aria-expanded')).toBe('true')
    expect(toggle().getAttribute('aria-controls')).toBe('panel')
    expect(rows()).toEqual({
      Store: 'abc123',
      Channel: '1',
      Customer: '1',
      Storage: 'IndexedDB',
      Obtained: new Date(NOW).toLocaleString(),
      Expires: new Date(NOW + 86_400_000).toLocaleString(),
      Fingerprint: READY.fingerprint,
      'Last error': 'timeout: renewal took too long',
    })
  })

  it('shows dashes and none where there is nothing yet', () => {
    const { api } = fakeApi({ ...IDLE, state: 'guest', storage: 'memory' })
    show(api)
    toggle().click()
    expect(rows()).toMatchObject({
      Store: '—',
      Customer: '—',
      Storage: 'memory only (no IndexedDB)',
      Obtained: '—',
      Fingerprint: '—',
      'Last error': 'none',
    })
  })

  it('takes the focus when it opens; Escape closes it and gives the focus back to the button', () => {
    const { api } = fakeApi()
    show(api)
    toggle().focus()
    toggle().click()
    const panel = $('[role=dialog]')!
    expect(host()!.shadowRoot!.activeElement).toBe(panel)
    key(button('Refresh')!, 'Escape')
    expect($('[role=dialog]')).toBeNull()
    expect(toggle().getAttribute('aria-expanded')).toBe('false')
    expect(host()!.shadowRoot!.activeElement).toBe(toggle())
  })

  it('closes on a second click of the button', () => {
    const { api } = fakeApi()
    show(api)
    toggle().click()
    toggle().click()
    expect($('[role=dialog]')).toBeNull()
  })

  it('Refresh forces a new token, Clear clears it, Hide hides the badge', async () => {
    const { api, spies } = fakeApi()
    show(api)
    toggle().click()
    button('Refresh')!.click()
    expect(spies.getB2BToken).toHaveBeenCalledWith({ forceRefresh: true })
    await settle()
    expect($('.note')!.textContent).toBe('Refreshed.')
    button('Clear')!.click()
    expect(spies.clearB2BToken).toHaveBeenCalledOnce()
    await settle()
    expect($('.note')!.textContent).toBe('Cleared.')
    button('Hide')!.click()
    expect(host()).toBeNull()
  })

  it('says why an action failed, with the error code and message', async () => {
    const { api, spies } = fakeApi()
    spies.getB2BToken.mockRejectedValueOnce(new B2BAuthError('network', 'The B2B endpoint did not answer'))
    show(api)
    toggle().click()
    button('Refresh')!.click()
    await settle()
    expect($('.note')!.textContent).toBe('network: The B2B endpoint did not answer')
  })

  it('has no Copy token button unless debug mode is on', () => {
    const { api } = fakeApi()
    show(api)
    toggle().click()
    // The first button is the badge itself.
    expect(buttons().slice(1)).toEqual(['Refresh', 'Clear', 'Who am I?', 'Hide'])
  })

  it('in debug mode, Copy token puts the token on the clipboard and shows only its fingerprint', async () => {
    setDebugging(true)
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    const { api, spies } = fakeApi()
    show(api)
    toggle().click()
    expect(buttons().slice(1)).toEqual(['Refresh', 'Clear', 'Who am I?', 'Copy token', 'Hide'])
    button('Copy token')!.click()
    await settle()
    expect(spies.getB2BToken).toHaveBeenCalledWith()
    expect(writeText).toHaveBeenCalledWith(TOKEN)
    expect($('.note')!.textContent).toBe(`Token ${READY.fingerprint} copied.`)
  })

  it('Copy token for a guest copies nothing', async () => {
    setDebugging(true)
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    const { api } = fakeApi({ ...IDLE, state: 'guest' })
    show(api)
    toggle().click()
    button('Copy token')!.click()
    await settle()
    expect(writeText).not.toHaveBeenCalled()
    expect($('.note')!.textContent).toBe('No token: nobody is signed in.')
  })

  it('Who am I? shows B2B, the role and the company of a company user', async () => {
    const { api, spies, publish } = fakeApi()
    spies.b2bGraphQL
      .mockResolvedValueOnce({
        customerInfo: {
          userType: 3,
          permissions: [],
          userInfo: { id: 1, email: 'a@example.com', firstName: 'Ada', lastName: 'Buyer', role: 1, companyRoleName: null },
        },
      })
      .mockResolvedValueOnce({ userCompany: { id: '101', companyName: 'Acme', companyStatus: 0 } })
    show(api)
    toggle().click()
    button('Who am I?')!.click()
    await settle()
    expect(rows()).toMatchObject({ Account: 'B2B', Name: 'Ada Buyer', Role: 'Senior buyer', Company: 'Acme (pending)' })
    // Who the API said holds only for that customer.
    publish({ customerId: '2' })
    expect(rows()).not.toHaveProperty('Account')
  })

  it('Who am I? for a B2C customer: B2C, and no company row', async () => {
    const { api, spies } = fakeApi({ customerId: '2' })
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType: 2,
        permissions: [],
        userInfo: { id: 2, email: 'b@example.com', firstName: 'Bo', lastName: 'Shopper', role: 99, companyRoleName: null },
      },
    })
    show(api)
    toggle().click()
    button('Who am I?')!.click()
    await settle()
    expect(rows()).toMatchObject({ Account: 'B2C', Role: 'B2C customer' })
    expect(rows()).not.toHaveProperty('Company')
  })

  it('Who am I? for a token of no such user (userType 1, as the schema says): not a guest, not B2C', async () => {
    const { api, spies } = fakeApi()
    spies.b2bGraphQL.mockResolvedValueOnce({
      customerInfo: {
        userType: 1,
        permissions: [],
        userInfo: { id: 0, email: null, firstName: null, lastName: null, role: null, companyRoleName: null },
      },
    })
    show(api)
    toggle().click()
    button('Who am I?')!.click()
    await settle()
    expect(rows()).toMatchObject({ Account: 'no such user', Name: '—', Role: '—' })
    expect(rows()).not.toHaveProperty('Company')
  })
})
