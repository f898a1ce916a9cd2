import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { runInThisContext } from 'node:vm'
import CopyPlugin from 'copy-webpack-plugin'
import webpack, { type Configuration } from 'webpack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyCornerstone, removeCopies, runCli, themeSettings, themeTemplates } from '../init/theme'
import { getToken, useBrowser } from './harness'
import { renderStencil } from './stencil'
import { openServed } from './support'

afterAll(removeCopies)

// Cornerstone after `npx stencil-b2b-auth init`: its webpack.common.js copies the package's dist/
// into assets/dist/, the simulator serves that folder as the store's CDN does, and Cornerstone's
// own base layout, rendered by stencil-paper, gets the shopper's token.
const ROOT = join(import.meta.dirname, '../..')
const theme = copyCornerstone()
const init = runCli(['init', theme])
const NONCE = 'c0rnerst0ne'
const VERSION = 'cs1'
const CSP = { 'Content-Security-Policy': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'` }
const h = useBrowser({ distDir: join(theme, 'assets/dist') })

/**
 * The theme's webpack.common.js as init left it, evaluated with Cornerstone's other build plugins
 * stubbed (their packages are not installed here): webpack and copy-webpack-plugin are real.
 */
function cornerstoneConfig(): Configuration {
  const stub = class {}
  const stubs: Record<string, unknown> = {
    'webpack-bundle-analyzer': { BundleAnalyzerPlugin: stub },
    'clean-webpack-plugin': { CleanWebpackPlugin: stub },
    'lodash-webpack-plugin': stub,
    'copy-webpack-plugin': CopyPlugin,
    webpack,
  }
  const real = createRequire(join(theme, 'webpack.common.js'))
  const require = Object.assign((id: string) => (id in stubs ? stubs[id] : real(id)), { resolve: (id: string) => id })
  const module = { exports: {} as Configuration }
  const code = readFileSync(join(theme, 'webpack.common.js'), 'utf8')
  runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`)(
    module.exports,
    require,
    module,
    join(theme, 'webpack.common.js'),
    theme,
  )
  return module.exports
}

beforeAll(async () => {
  expect(init.status).toBe(0)
  // As `npm install` of the package would leave it.
  mkdirSync(join(theme, 'node_modules'), { recursive: true })
  symlinkSync(ROOT, join(theme, 'node_modules/stencil-b2b-auth'), 'dir')
  const config = cornerstoneConfig()
  const copies = (config.plugins ?? []).filter((plugin) => plugin instanceof CopyPlugin)
  expect(copies).toHaveLength(1)
  // Cornerstone's build with its own output folder, with only the step init added: the theme's
  // own JavaScript needs Cornerstone's dependencies, and is not what is tested.
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    const compiler = webpack({
      mode: 'production',
      context: theme,
      entry: { main: 'data:text/javascript,void 0' },
      output: { ...config.output, clean: true },
      plugins: copies,
      performance: { hints: false },
    })
    compiler.run((error, result) => compiler.close(() => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))))
  })
  expect(stats.hasErrors()).toBe(false)
}, 60_000)

describe('Cornerstone after init', () => {
  it('its webpack build puts every file of dist/ in assets/dist, as built', () => {
    const dist = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'))
    for (const file of dist)
      expect(readFileSync(join(theme, 'assets/dist', file), 'utf8')).toBe(readFileSync(join(ROOT, 'dist', file), 'utf8'))
  })

  it("its base layout, rendered by stencil-paper, gets a signed-in shopper's token from the CDN's copy", async () => {
    await h.signIn(1)
    const html = await renderStencil(themeTemplates(theme), 'layout/base', {
      storeHash: h.sim.options.storeHash,
      cdnUrl: h.sim.storefrontUrl,
      themeVersion: VERSION,
      nonce: NONCE,
      channelId: 1,
      customerId: 1,
      // The simulated B2B endpoint, as a staging store sets it in Page Builder.
      themeSettings: { ...themeSettings(theme), b2b_auth_graphql_endpoint: h.sim.b2bUrl },
    })
    const page = await openServed(h, '/cornerstone', { html, headers: CSP })
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.log.some((r) => r.path.startsWith(`/stencil/${VERSION}/dist/stencil-b2b-auth-flow-`))).toBe(true)
    // Cornerstone's own scripts fail here (its theme bundle is not built): none of ours does.
    expect(h.pageErrors.filter((e) => /b2b/i.test(e))).toEqual([])
  })
})
