import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { remote } from 'webdriverio'
import { cropXwd, encodePng } from '../support/png'
import type { Driver, DriverContext, Tab } from './types'

/** Debian's webkit2gtk-driver: WebKitGTK's WebDriver, which drives its MiniBrowser. */
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver'
export const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
/** MiniBrowser is a GTK program: headless only under a virtual display. */
export const XVFB = '/usr/bin/Xvfb'
export const hasWebKit = () => existsSync(WEBKIT_DRIVER) && existsSync(MINIBROWSER)
export const hasXvfb = () => existsSync(XVFB)

/** A path the storefront does not serve: somewhere on its origin to set cookies from. */
const BLANK = '/__driver-blank'

type Session = WebdriverIO.Browser

/**
 * WebKitGTK over W3C WebDriver classic, driven by webdriverio 9. A WebKitWebDriver process holds
 * one session, and a session is one ephemeral profile: a context is a driver process and its
 * session; its tabs are the session's windows.
 */
export async function launch(): Promise<Driver> {
  const xvfb = await startXvfb()
  const drivers = new Set<ChildProcess>()
  const env = { ...process.env, DISPLAY: xvfb.display }
  return {
    name: 'webkit',
    version: `WebKitGTK ${webkitVersion()} (MiniBrowser)`,
    async newContext(): Promise<DriverContext> {
      const port = await freePort()
      const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' })
      drivers.add(driver)
      driver.once('exit', () => drivers.delete(driver))
      await listening(port)
      const session = await remote({
        hostname: '127.0.0.1',
        port,
        path: '/',
        logLevel: 'error',
        connectionRetryCount: 0,
        capabilities: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          // WebKitWebDriver speaks only WebDriver classic: asked for BiDi, it matches no capabilities.
          'wdio:enforceWebDriverClassic': true,
        } as WebdriverIO.Capabilities,
      })
      await session.setWindowSize(800, 600)
      return context(session, driver, xvfb.screen)
    },
    async close() {
      for (const driver of drivers) driver.kill('SIGKILL')
      xvfb.process.kill('SIGKILL')
      rmSync(xvfb.dir, { recursive: true, force: true })
    },
  }
}

function context(session: Session, driver: ChildProcess, screen: string): DriverContext {
  // One window has the session's focus at a time: every command of a tab switches to its window
  // first, so commands of two tabs are queued, never interleaved.
  let queue: Promise<unknown> = Promise.resolve()
  const run = <T>(handle: string | null, command: () => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      if (handle) await session.switchToWindow(handle)
      return command()
    })
    queue = next.catch(() => undefined)
    return next
  }
  let first: string | null = null
  let used = false
  const onOrigin = async (url: string) => {
    const origin = new URL(url).origin
    if (!(await session.getUrl()).startsWith(origin)) await session.url(origin + BLANK)
  }
  return {
    setCookie: (name, value, url) =>
      run(first, async () => {
        await onOrigin(url)
        await session.setCookies({ name, value, path: '/' })
      }),
    clearCookies: (url) =>
      run(first, async () => {
        await onOrigin(url)
        await session.deleteCookies()
      }),
    newTab: (url) =>
      run(null, async () => {
        first ??= await session.getWindowHandle()
        let handle = first
        if (used) {
          handle = (await session.createWindow('tab')).handle
          await session.switchToWindow(handle)
        }
        used = true
        await session.url(url)
        return tab(handle, run, session, screen)
      }),
    async close() {
      await session.deleteSession().catch(() => undefined)
      driver.kill('SIGKILL')
    },
  }
}

type Run = <T>(handle: string | null, command: () => Promise<T>) => Promise<T>

function tab(handle: string, run: Run, session: Session, screen: string): Tab {
  return {
    goto: (url) => run(handle, () => session.url(url)).then(() => undefined),
    reload: () => run(handle, () => session.refresh()),
    evaluate: (fn, arg) => run(handle, () => session.execute(fn as never, arg as never) as Promise<never>),
    // WebKitGTK's own snapshots (the WebDriver screenshot commands) come out black under Xvfb,
    // while the window itself is drawn: the element is cut out of the X screen instead.
    screenshot: (selector) =>
      run(handle, async () => {
        // Two animation frames: what the page shows now has been painted to the window.
        await session.execute(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
        const box = await session.execute((sel: string) => {
          const rect = document.querySelector(sel)?.getBoundingClientRect()
          if (!rect) return null
          // The window's frame and toolbar sit left of and above the page: what outer adds to inner.
          const left = screenX + (outerWidth - innerWidth) / 2 + rect.left
          const top = screenY + outerHeight - innerHeight + rect.top
          return {
            x: Math.floor(left),
            y: Math.floor(top),
            width: Math.ceil(left + rect.width) - Math.floor(left),
            height: Math.ceil(top + rect.height) - Math.floor(top),
          }
        }, selector)
        if (!box) throw new Error(`no element matches ${selector}`)
        return encodePng(cropXwd(readFileSync(screen), box))
      }),
    close: () => run(handle, () => session.closeWindow()).then(() => undefined),
  }
}

/**
 * Xvfb picks a free display itself (-displayfd), so parallel test files never collide, and keeps
 * its screen in an XWD file (-fbdir) for screenshots.
 */
function startXvfb(): Promise<{ display: string; process: ChildProcess; dir: string; screen: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'b2b-auth-xvfb-'))
  return new Promise((resolve, reject) => {
    const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-fbdir', dir, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    })
    let out = ''
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, process: xvfb, dir, screen: join(dir, 'Xvfb_screen0') })
    })
    xvfb.once('error', reject)
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it named a display`)))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function listening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`WebKitWebDriver did not listen on port ${port}`)
}

function webkitVersion(): string {
  try {
    // Debian's package version is the WebKitGTK release.
    const status = readFileSync('/var/lib/dpkg/status', 'utf8')
    return /Package: webkit2gtk-driver\n(?:[^\n]+\n)*?Version: ([\d.]+)/.exec(status)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
