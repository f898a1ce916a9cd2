import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderStencil, snippet } from '../browser/stencil'
import { copyCornerstone, removeCopies, runCli, snapshot, themeSettings, themeTemplates } from './theme'

afterAll(removeCopies)

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')
const DIST_JS = readdirSync('dist')
  .filter((f) => f.endsWith('.js'))
  .sort()

describe('stencil-b2b-auth init on a copy of Cornerstone', () => {
  const dir = copyCornerstone()
  const before = snapshot(dir)
  const first = runCli(['init', dir])

  it('makes the five changes, and says which files it changed', () => {
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/7 files changed/)
    expect(first.ms).toBeLessThan(5000)
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe(snippet('templates/components/b2b-auth.html'))
    expect(read(dir, 'templates/components/b2b-sign-in-form.html')).toBe(snippet('templates/components/b2b-sign-in-form.html'))
    // The include on the line right after {{{head.scripts}}}, indented as it is.
    expect(read(dir, 'templates/layout/base.html')).toMatch(/\n( *)\{\{\{head\.scripts\}\}\}\n\1\{\{> components\/b2b-auth\}\}\n/)
    const config = JSON.parse(read(dir, 'config.json'))
    expect(config.settings).toMatchObject(JSON.parse(snippet('config.json')).settings)
    const schema = JSON.parse(read(dir, 'schema.json'))
    expect(schema.at(-1)).toEqual(JSON.parse(snippet('schema.json'))[0])
    expect(JSON.parse(read(dir, 'package.json')).devDependencies['copy-webpack-plugin']).toMatch(/^\^\d+/)
    const webpack = read(dir, 'webpack.common.js')
    expect(webpack).toContain("const CopyPlugin = require('copy-webpack-plugin');")
    // After the cleaner, which would otherwise delete the copies.
    expect(webpack.indexOf('new CopyPlugin(')).toBeGreaterThan(webpack.indexOf('new CleanWebpackPlugin('))
  })

  it('changes nothing else, and keeps each file of the theme in its own format', () => {
    const after = snapshot(dir)
    const changed = [...after.keys()].filter((path) => before.get(path) !== after.get(path)).sort()
    expect(changed).toEqual([
      'config.json',
      'package.json',
      'schema.json',
      'templates/components/b2b-auth.html',
      'templates/components/b2b-sign-in-form.html',
      'templates/layout/base.html',
      'webpack.common.js',
    ])
    // Only lines added (and a comma), none rewritten: JSON keeps its indentation.
    for (const path of ['config.json', 'schema.json', 'package.json', 'templates/layout/base.html', 'webpack.common.js']) {
      const old = before.get(path)!.split('\n')
      const now = after.get(path)!.split('\n')
      const kept = old.filter((line) => now.includes(line) || now.includes(`${line},`))
      expect(kept.length, path).toBe(old.length)
    }
  })

  it('is idempotent: a second run changes nothing and says so', () => {
    const again = runCli(['init', dir])
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/nothing to do/)
    const now = snapshot(dir)
    runCli(['init', dir])
    expect(snapshot(dir)).toEqual(now)
  })

  it("renders with stencil-paper, Cornerstone's whole base layout with the tag in <head>", async () => {
    const html = await renderStencil(themeTemplates(dir), 'layout/base', {
      storeHash: 'abc123',
      cdnUrl: 'https://cdn11.bigcommerce.com/s-abc123',
      themeVersion: 'v1',
      customerId: 42,
      channelId: 1,
      nonce: 'n0nce',
      themeSettings: themeSettings(dir),
    })
    const tag = /<script type="module"[^>]*stencil-b2b-auth\.js"[^>]*>/.exec(html)?.[0] ?? ''
    expect(tag).toContain('src="https://cdn11.bigcommerce.com/s-abc123/stencil/v1/dist/stencil-b2b-auth.js"')
    expect(tag).toContain('data-customer-id="42"')
    expect(tag).toContain('nonce="n0nce"')
    expect(tag).not.toContain('data-badge')
    expect(html.indexOf(tag)).toBeLessThan(html.indexOf('</head>'))
  })
})

describe('--dry-run', () => {
  it('prints the diff and writes nothing', () => {
    const dir = copyCornerstone()
    const before = snapshot(dir)
    const run = runCli(['init', dir, '--dry-run'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('+++ b/templates/layout/base.html')
    expect(run.stdout).toMatch(/^ +\{\{\{head\.scripts\}\}\}\n\+ +\{\{> components\/b2b-auth\}\}$/m)
    expect(run.stdout).toContain("+const CopyPlugin = require('copy-webpack-plugin');")
    expect(run.stdout).toContain('+    "b2b_auth_badge": false,')
    expect(run.stdout).toMatch(/nothing written/)
    expect(snapshot(dir)).toEqual(before)
  })
})

describe('what init refuses or leaves to the developer', () => {
  it('refuses a folder that is not a Stencil theme, in one line', () => {
    const dir = join(copyCornerstone(), 'assets')
    const run = runCli(['init', dir])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/is not a Stencil theme \(no config\.json, schema\.json, templates\/layout\/base\.html\)$/),
    ])
  })

  it('leaves a partial the developer changed, and says so; --force replaces it', () => {
    const dir = copyCornerstone()
    mkdirSync(join(dir, 'templates/components'), { recursive: true })
    writeFileSync(join(dir, 'templates/components/b2b-auth.html'), '<!-- mine -->\n')
    const run = runCli(['init', dir])
    expect(run.status).toBe(0)
    expect(run.stderr).toContain(
      "warning: templates/components/b2b-auth.html differs from the package's: left as it is (--force replaces it)",
    )
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe('<!-- mine -->\n')
    const again = runCli(['init', dir])
    expect(again.stdout).toMatch(/nothing to do/)
    expect(again.stderr).toMatch(/differs/)
    const forced = runCli(['init', dir, '--force'])
    expect(forced.stderr).toContain('replaced (--force)')
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe(snippet('templates/components/b2b-auth.html'))
  })

  it("keeps a theme's own value of a setting", () => {
    const dir = copyCornerstone()
    const config = JSON.parse(read(dir, 'config.json'))
    config.settings.b2b_auth_badge = true
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n')
    expect(runCli(['init', dir]).status).toBe(0)
    expect(JSON.parse(read(dir, 'config.json')).settings).toMatchObject({ b2b_auth_badge: true, b2b_auth_client_id: '' })
  })

  it('without {{{head.scripts}}} in base.html: writes nothing, and names the step to do by hand', () => {
    const dir = copyCornerstone()
    writeFileSync(join(dir, 'templates/layout/base.html'), read(dir, 'templates/layout/base.html').replace('{{{head.scripts}}}', ''))
    const before = snapshot(dir)
    const run = runCli(['init', dir])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/do by hand: templates\/layout\/base\.html: no \{\{\{head\.scripts\}\}\}/)
    expect(snapshot(dir)).toEqual(before)
  })
})

describe('a theme without a webpack build', () => {
  it("gets the files of dist/ in assets/dist, and an older version's chunks removed", () => {
    const dir = copyCornerstone()
    rmSync(join(dir, 'webpack.common.js'))
    mkdirSync(join(dir, 'assets/dist'), { recursive: true })
    writeFileSync(join(dir, 'assets/dist/stencil-b2b-auth-flow-OLD.js'), '// an older build\n')
    writeFileSync(join(dir, 'assets/dist/theme-bundle.main.js'), "// the theme's\n")
    const run = runCli(['init', dir])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('deleted assets/dist/stencil-b2b-auth-flow-OLD.js')
    expect(readdirSync(join(dir, 'assets/dist')).sort()).toEqual([...DIST_JS, 'theme-bundle.main.js'].sort())
    for (const file of DIST_JS) expect(read(dir, `assets/dist/${file}`)).toBe(readFileSync(join('dist', file), 'utf8'))
    expect(read(dir, 'package.json')).not.toContain('copy-webpack-plugin')
    expect(runCli(['init', dir]).stdout).toMatch(/nothing to do/)
  })
})
