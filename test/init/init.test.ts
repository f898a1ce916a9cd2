import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderStencil, snippet } from '../browser/stencil'
import { copyCornerstone, removeCopies, runCli, snapshot, themeSettings, themeTemplates } from './theme'

afterAll(removeCopies)

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8')
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string
// cli/ is plain JavaScript (checked by tsconfig.cli.json), imported by a path this file's
// type check does not follow.
const STAMP_JS = '../../cli/stamp.js'
const { stamped } = (await import(STAMP_JS)) as { stamped: (text: string, version: string) => string }
/** A partial as init installs it: the package's, under a stamp naming the version and its hash. */
const installed = (file: string, version = VERSION) => stamped(snippet(`templates/components/${file}`), version)
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
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe(installed('b2b-auth.html'))
    expect(read(dir, 'templates/components/b2b-sign-in-form.html')).toBe(installed('b2b-sign-in-form.html'))
    expect(read(dir, 'templates/components/b2b-auth.html')).toMatch(new RegExp(`^\\{\\{!-- stencil-b2b-auth ${VERSION} [0-9a-f]{12}: `))
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
    expect(run.stderr).toContain('warning: templates/components/b2b-auth.html is not installed by init: kept (compare it with')
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe('<!-- mine -->\n')
    const again = runCli(['init', dir])
    expect(again.stdout).toMatch(/nothing to do/)
    expect(again.stderr).toMatch(/kept/)
    const forced = runCli(['init', dir, '--force'])
    expect(forced.stderr).toContain('replaced (--force)')
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe(installed('b2b-auth.html'))
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

describe('upgrade: init again with a newer package', () => {
  it("replaces an older version's partial nobody edited, and says so; keeps an edited one, in one line", () => {
    const dir = copyCornerstone()
    expect(runCli(['init', dir]).status).toBe(0)
    // As 0.0.9 would have left them: one untouched, one edited by the developer since.
    writeFileSync(join(dir, 'templates/components/b2b-auth.html'), stamped('<script>/* 0.0.9 */</script>\n', '0.0.9'))
    writeFileSync(join(dir, 'templates/components/b2b-sign-in-form.html'), stamped('<form>0.0.9</form>\n', '0.0.9') + '<!-- mine -->\n')
    const run = runCli(['init', dir])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      `templates/components/b2b-auth.html: replaced stencil-b2b-auth 0.0.9's, unchanged since it was installed, with ${VERSION}'s`,
    )
    expect(read(dir, 'templates/components/b2b-auth.html')).toBe(installed('b2b-auth.html'))
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^warning: templates\/components\/b2b-sign-in-form\.html is edited since stencil-b2b-auth 0\.0\.9 installed it: kept/,
      ),
    ])
    expect(read(dir, 'templates/components/b2b-sign-in-form.html')).toContain('<!-- mine -->')
    expect(run.stdout).toMatch(/1 file changed/)
  })

  it("knows a partial 0.1.0 installed without a stamp for the package's own", () => {
    const dir = copyCornerstone()
    expect(runCli(['init', dir]).status).toBe(0)
    writeFileSync(join(dir, 'templates/components/b2b-sign-in-form.html'), snippet('templates/components/b2b-sign-in-form.html'))
    const run = runCli(['init', dir])
    expect(run.stderr).toBe('')
    expect(read(dir, 'templates/components/b2b-sign-in-form.html')).toBe(installed('b2b-sign-in-form.html'))
  })

  it('--version prints the package version', () => {
    expect(runCli(['--version']).stdout.trim()).toBe(VERSION)
  })
})

describe('remove', () => {
  it('after init, gives back the theme exactly as it was, every file', () => {
    const dir = copyCornerstone()
    const before = snapshot(dir)
    expect(runCli(['init', dir]).status).toBe(0)
    const dry = runCli(['remove', dir, '--dry-run'])
    expect(dry.status).toBe(0)
    expect(dry.stdout).toMatch(/^- +\{\{> components\/b2b-auth\}\}$/m)
    expect(dry.stdout).toMatch(/nothing written \(7 files would change\)/)
    const run = runCli(['remove', dir])
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/7 files changed/)
    expect(run.stdout).toContain('Next: npm uninstall stencil-b2b-auth')
    expect(snapshot(dir)).toEqual(before)
    expect(runCli(['remove', dir]).stdout).toMatch(/nothing to do/)
  })

  it('keeps a partial the developer edited and says so; --force deletes it', () => {
    const dir = copyCornerstone()
    runCli(['init', dir])
    writeFileSync(
      join(dir, 'templates/components/b2b-sign-in-form.html'),
      read(dir, 'templates/components/b2b-sign-in-form.html') + '<!-- mine -->\n',
    )
    const run = runCli(['remove', dir])
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/b2b-sign-in-form\.html is edited since init installed it: kept/)
    expect(read(dir, 'templates/components/b2b-sign-in-form.html')).toContain('<!-- mine -->')
    expect(read(dir, 'templates/layout/base.html')).not.toContain('b2b-auth')
    runCli(['remove', dir, '--force'])
    expect(readdirSync(join(dir, 'templates/components'))).not.toContain('b2b-sign-in-form.html')
  })

  it('in a theme without webpack, deletes the copied files of dist/ too', () => {
    const dir = copyCornerstone()
    rmSync(join(dir, 'webpack.common.js'))
    runCli(['init', dir])
    expect(readdirSync(join(dir, 'assets/dist'))).toContain('stencil-b2b-auth.js')
    expect(runCli(['remove', dir]).status).toBe(0)
    expect(readdirSync(join(dir, 'assets/dist')).filter((f) => f.startsWith('stencil-b2b-auth'))).toEqual([])
  })
})
