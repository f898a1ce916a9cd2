import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { settled, useBrowser } from './harness'
import { expectNoPageErrors, expectNoSecretInConsole, moduleLines, status } from './support'

// The mistake a newcomer makes first: copying only stencil-b2b-auth.js, not its chunks. Whichever
// chunk the page needs first (flow, badge, console or sign-in), the console gets one line that
// says what to do, and never more than one however many chunks fail.

const LINE = /^\[b2b-auth\] .*deploy every file of dist\/$/

/** A console call in the page; its rejection as { code, message }. */
const attempt = (page: Page, call: 'help' | 'showBadge' | 'signIn') =>
  page.evaluate(async (name) => {
    try {
      const api = window.b2bAuth as unknown as Record<string, (arg?: unknown) => Promise<unknown>>
      await api[name]!(name === 'signIn' ? { email: 'a@example.com', password: 'x' } : undefined)
      return null
    } catch (error) {
      const e = error as { code?: string; message?: string }
      return { code: e.code, message: e.message }
    }
  }, call)

describe('only the entry deployed (a dist/ folder holding stencil-b2b-auth.js alone)', () => {
  const only = mkdtempSync(join(tmpdir(), 'b2b-auth-entry-only-'))
  copyFileSync('dist/stencil-b2b-auth.js', join(only, 'stencil-b2b-auth.js'))
  const h = useBrowser({ distDir: only })

  it('a cold page with the badge on: flow and badge both fail, one console line says to deploy every file', async () => {
    await h.signIn(1)
    const page = await h.open('/', { attributes: { 'data-badge': '' } })
    expect(await settled(page)).toBe('error')
    expect((await status(page)).error).toEqual({ code: 'network', message: expect.stringMatching(/deploy every file of dist\/$/) })
    // The console tools and the sign-in form fail the same way, and add no line.
    expect(await attempt(page, 'help')).toEqual({ code: 'network', message: expect.stringContaining('deploy every file of dist/') })
    expect(await attempt(page, 'signIn')).toMatchObject({ code: 'network' })
    await expect.poll(() => moduleLines(h).length).toBe(1)
    expect(moduleLines(h)[0]).toMatch(LINE)
    await expectNoPageErrors(h)
    expectNoSecretInConsole(h)
  })
})

describe('one chunk missing', () => {
  const h = useBrowser()
  const drop = (name: string) =>
    h.context.route(new RegExp(`/stencil-b2b-auth-${name}-[\\w-]+\\.js$`), (route) => route.fulfill({ status: 404, body: 'Not Found' }))

  it('the flow chunk: the status error, and one line', async () => {
    await drop('flow')
    await h.signIn(1)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    await expect.poll(() => moduleLines(h)).toEqual([expect.stringMatching(LINE)])
  })

  it('the badge chunk, on a warm page that needs no other: one line, the token all the same', async () => {
    await h.signIn(1)
    const warm = await h.open('/')
    expect(await settled(warm)).toBe('ready')
    await drop('badge')
    const page = await h.open('/again', { attributes: { 'data-badge': '' } })
    expect(await settled(page)).toBe('ready')
    await expect.poll(() => moduleLines(h)).toEqual([expect.stringMatching(LINE)])
    // Asked again from the console: the same error, no second line.
    expect(await attempt(page, 'showBadge')).toMatchObject({ code: 'network' })
    expect(moduleLines(h)).toHaveLength(1)
    await expectNoPageErrors(h)
    expectNoSecretInConsole(h)
  })

  it('the console chunk: help() rejects with network, and one line', async () => {
    await drop('console')
    const page = await h.open('/')
    expect(await settled(page)).toBe('guest')
    expect(await attempt(page, 'help')).toEqual({ code: 'network', message: expect.stringContaining('deploy every file of dist/') })
    expect(await attempt(page, 'help')).toMatchObject({ code: 'network' })
    expect(moduleLines(h)).toEqual([expect.stringMatching(LINE)])
  })

  it('the sign-in chunk: signIn() rejects with network, and one line', async () => {
    await drop('sign-in')
    const page = await h.open('/')
    expect(await settled(page)).toBe('guest')
    expect(await attempt(page, 'signIn')).toMatchObject({ code: 'network' })
    expect(moduleLines(h)).toEqual([expect.stringMatching(LINE)])
  })
})
