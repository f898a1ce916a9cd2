// The package in the real Cornerstone theme, built as the theme builds it: Cornerstone's own
// dependencies (its package-lock.json), its own webpack.prod.js and its own eslint config, with
// the package installed from its packed tarball, `init` run, and the README's theme-bundle
// example wired into global.js. What ships to the theme CDN is assets/dist/: it must hold the
// module's files and no path of the build machine.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyCornerstone, CORNERSTONE, removeCopies, runCli } from '../init/theme'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Cornerstone's node_modules, installed once per version of its lock file (`npm ci`: about 1,200
 * packages, 35 s here) and kept in node_modules/.cache for the next run.
 */
function cornerstoneModules(): string {
  const lock = readFileSync(join(CORNERSTONE, 'package-lock.json'))
  const cache = join(ROOT, 'node_modules/.cache/stencil-b2b-auth-cornerstone', createHash('sha256').update(lock).digest('hex').slice(0, 12))
  if (!existsSync(join(cache, 'node_modules/.package-lock.json'))) {
    rmSync(cache, { recursive: true, force: true })
    mkdirSync(cache, { recursive: true })
    cpSync(join(CORNERSTONE, 'package.json'), join(cache, 'package.json'))
    cpSync(join(CORNERSTONE, 'package-lock.json'), join(cache, 'package-lock.json'))
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cache, stdio: 'inherit' })
  }
  return join(cache, 'node_modules')
}

let theme = ''
let build: ReturnType<typeof spawnSync>
const shipped = () => readdirSync(join(theme, 'assets/dist')).filter((file) => file.endsWith('.js'))

beforeAll(() => {
  theme = copyCornerstone()
  // Cornerstone's own modules, beside the package as npm would install it from its tarball.
  const modules = join(theme, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(cornerstoneModules())) symlinkSync(join(cornerstoneModules(), name), join(modules, name))
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', theme], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const file = tarball.trim().split('\n').pop()!
  mkdirSync(join(modules, 'stencil-b2b-auth'))
  execFileSync('tar', ['-xzf', join(theme, file), '-C', join(modules, 'stencil-b2b-auth'), '--strip-components=1'])
  // What `npm install ./<tarball>` writes in the theme's package.json (the README's team path).
  const pkg = JSON.parse(readFileSync(join(theme, 'package.json'), 'utf8'))
  pkg.dependencies['stencil-b2b-auth'] = `file:${file}`
  writeFileSync(join(theme, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  // What `init` adds to the theme's devDependencies: from this repository's own.
  symlinkSync(join(ROOT, 'node_modules/copy-webpack-plugin'), join(modules, 'copy-webpack-plugin'))
  const init = runCli(['init', theme])
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`)
  // The README's example, where its comment says: assets/js/theme/global/b2b.js, from onReady().
  cpSync(join(ROOT, 'theme-snippets/examples/theme-bundle.js'), join(theme, 'assets/js/theme/global/b2b.js'))
  cpSync(join(ROOT, 'theme-snippets/examples/b2b-graphql.js'), join(theme, 'assets/js/theme/global/b2b-graphql.js'))
  const global = join(theme, 'assets/js/theme/global.js')
  const source = readFileSync(global, 'utf8')
  const wired = source
    .replace(/^(import [^\n]+\n)(?!import)/m, "$1import { showCompanyName, followB2BSignIn } from './global/b2b';\n")
    .replace(
      /onReady\(\) \{\n/,
      "onReady() {\n        showCompanyName(document.querySelectorAll('[data-b2b-company]'));\n        followB2BSignIn();\n",
    )
  if (wired === source || !wired.includes('showCompanyName(document')) throw new Error('global.js changed shape: update this test')
  writeFileSync(global, wired)
  build = spawnSync(join(modules, '.bin/webpack'), ['--config', 'webpack.prod.js'], { cwd: theme, encoding: 'utf8' })
}, 600_000)

afterAll(removeCopies)

describe("Cornerstone's production build, with the package", () => {
  it('builds, and assets/dist/ holds the module and its four chunks beside the theme bundle', () => {
    expect({ status: build.status, out: build.status === 0 ? '' : `${build.stdout}${build.stderr}`.slice(-3000) }).toEqual({
      status: 0,
      out: '',
    })
    const files = shipped()
    expect(files).toContain('stencil-b2b-auth.js')
    for (const chunk of ['flow', 'badge', 'console', 'sign-in'])
      expect(files).toContainEqual(expect.stringMatching(new RegExp(`^stencil-b2b-auth-${chunk}-[\\w-]{8}\\.js$`)))
    expect(files).toContain('theme-bundle.main.js')
    // The example is in the theme's bundle: the module went through Cornerstone's webpack.
    expect(
      files.some(
        (file) =>
          file.startsWith('theme-bundle') && readFileSync(join(theme, 'assets/dist', file), 'utf8').includes('B2B company unavailable'),
      ),
    ).toBe(true)
  })

  it('ships no path of the build machine to the CDN: no file://, no build folder, in any script of assets/dist/', () => {
    // A file URL of a path (file:///…: what webpack makes of import.meta.url); Cornerstone's own
    // fetch polyfill tests for the "file://" scheme, which is no path.
    const paths = [/file:\/\/\//, theme, ROOT, '/node_modules/', '/tmp/']
    // Scripts: what a page loads. (Cornerstone's bundle analyzer also writes report.html there,
    // with the paths of the theme's own modules: its own, not the package's.)
    for (const file of readdirSync(join(theme, 'assets/dist'), { recursive: true }).map(String)) {
      if (!file.endsWith('.js')) continue
      const text = readFileSync(join(theme, 'assets/dist', file), 'utf8')
      const found = paths.find((path) => (typeof path === 'string' ? text.includes(path) : path.test(text)))
      expect({ file, found }).toEqual({ file, found: undefined })
    }
  })

  it("the examples a theme copies pass Cornerstone's own eslint configuration", () => {
    const eslint = spawnSync(
      join(theme, 'node_modules/.bin/eslint'),
      ['--max-warnings', '0', 'assets/js/theme/global/b2b.js', 'assets/js/theme/global/b2b-graphql.js'],
      // Without Browserslist's "caniuse-lite is old" notice: the lock file pins it.
      { cwd: theme, encoding: 'utf8', env: { ...process.env, BROWSERSLIST_IGNORE_OLD_DATA: '1' } },
    )
    expect({ status: eslint.status, out: eslint.stdout + eslint.stderr }).toEqual({ status: 0, out: '' })
  })
})
