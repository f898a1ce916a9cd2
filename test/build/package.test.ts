// The package as a theme gets it: `npm pack` of the built tree, unpacked where no node_modules of
// this repository can help, checked file by file, by the registry's own linters, and run.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpack from 'webpack'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'node_modules/.bin')
const work = mkdtempSync(join(tmpdir(), 'stencil-b2b-auth-pack-'))
let tarball = ''
/** The package unpacked, as node_modules/stencil-b2b-auth of a theme. */
const unpacked = join(work, 'theme/node_modules/stencil-b2b-auth')

/** Every file of a folder, relative path -> text. */
const filesOf = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))

/** A path of the build machine: a file URL, this checkout, or the temp folder a build ran in. */
const BUILD_PATHS = [/file:\/\//, new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /\/node_modules\/stencil-b2b-auth\//, /\/tmp\//]

beforeAll(() => {
  // --ignore-scripts: npm test built dist/ already (pack would run `prepare` and build it again).
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })
  tarball = join(work, name.trim().split('\n').pop()!)
  mkdirSync(unpacked, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'])
}, 60_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the packed package', () => {
  it("holds dist/, cli/, theme-snippets/, docs/ (the README's links), the changelog and licence: nothing of the tests or sources", () => {
    const files = filesOf(unpacked).map((path) => path.slice(unpacked.length + 1))
    const top = [...new Set(files.map((file) => file.split('/')[0]))].sort()
    expect(top).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'cli', 'dist', 'docs', 'package.json', 'theme-snippets'])
    // Every relative link of the packed README reaches a packed file.
    const readme = readFileSync(join(unpacked, 'README.md'), 'utf8')
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((m) => m[1]!)
    expect(links.length).toBeGreaterThan(3)
    expect(links.filter((link) => !files.includes(link.replace(/\/$/, '/README.md')) && !files.some((f) => f.startsWith(link)))).toEqual([])
    const dist = readdirSync(join(unpacked, 'dist')).sort()
    expect(dist).toEqual([
      'index.d.ts',
      expect.stringMatching(/^stencil-b2b-auth-badge-[\w-]{8}\.js$/),
      expect.stringMatching(/^stencil-b2b-auth-console-[\w-]{8}\.js$/),
      expect.stringMatching(/^stencil-b2b-auth-flow-[\w-]{8}\.js$/),
      expect.stringMatching(/^stencil-b2b-auth-sign-in-[\w-]{8}\.js$/),
      'stencil-b2b-auth.js',
      'webpack',
    ])
    expect(files.filter((file) => /\.(ts|tsx)$/.test(file) && !file.endsWith('.d.ts'))).toEqual([])
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([])
  })

  it('ships no path of the build machine in any code or template, and no bare import in dist/', () => {
    // Prose (the docs) may name file:// as what to avoid; code and templates may not hold one.
    for (const path of filesOf(unpacked).filter((file) => !file.endsWith('.md'))) {
      const text = readFileSync(path, 'utf8')
      for (const pattern of BUILD_PATHS) expect({ path, found: pattern.exec(text)?.[0] }).toEqual({ path, found: undefined })
    }
    for (const name of readdirSync(join(unpacked, 'dist')).filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(join(unpacked, 'dist', name), 'utf8')
      // A bare specifier ('preact', 'idb-keyval') would not resolve from a theme's CDN.
      expect(code.match(/(?:import|from)\s*\(?\s*["'`](?![./])[^"'`]*["'`]/g) ?? []).toEqual([])
    }
  })

  it('passes publint --strict and attw --profile esm-only', () => {
    const publint = spawnSync(join(BIN, 'publint'), ['--strict', unpacked], { encoding: 'utf8' })
    expect(publint.stdout + publint.stderr).not.toMatch(/error|warning|suggestion/i)
    expect(publint.status).toBe(0)
    const attw = spawnSync(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], { encoding: 'utf8' })
    expect({ status: attw.status, out: attw.status === 0 ? '' : attw.stdout + attw.stderr }).toEqual({ status: 0, out: '' })
  }, 60_000)

  it("a theme's webpack bundle of it (the README's example) holds no path of the build machine", async () => {
    const theme = join(work, 'theme')
    mkdirSync(join(theme, 'assets/js'), { recursive: true })
    cpSync(join(ROOT, 'theme-snippets/examples/theme-bundle.js'), join(theme, 'assets/js/b2b.js'))
    writeFileSync(join(theme, 'assets/js/app.js'), "import { showCompanyName } from './b2b.js'\nshowCompanyName([])\n")
    const stats = await new Promise<webpack.Stats>((done, fail) =>
      webpack(
        {
          mode: 'production',
          context: theme,
          entry: './assets/js/app.js',
          output: { path: join(theme, 'assets/dist'), filename: 'theme-bundle.main.js', chunkFilename: 'theme-bundle.chunk.[name].js' },
          resolve: { modules: [join(theme, 'node_modules')] },
        },
        (error, result) => (error || !result ? fail(error) : done(result)),
      ),
    )
    expect(stats.compilation.errors.map(String)).toEqual([])
    const built = filesOf(join(theme, 'assets/dist'))
    expect(built.length).toBeGreaterThan(0)
    for (const path of built) {
      const text = readFileSync(path, 'utf8')
      for (const pattern of BUILD_PATHS) expect({ path, found: pattern.exec(text)?.[0] }).toEqual({ path, found: undefined })
    }
  }, 60_000)

  it('runs `init`, `--version` and `remove --dry-run` from the unpacked tarball, with no node_modules of its own', () => {
    const cli = join(unpacked, 'cli/stencil-b2b-auth.js')
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version)
    const theme = join(work, 'bare-theme')
    mkdirSync(join(theme, 'templates/layout'), { recursive: true })
    writeFileSync(join(theme, 'config.json'), '{"settings":{}}\n')
    writeFileSync(join(theme, 'schema.json'), '[]\n')
    writeFileSync(join(theme, 'templates/layout/base.html'), '<head>\n{{{head.scripts}}}\n</head>\n')
    const init = spawnSync(process.execPath, [cli, 'init', theme], { encoding: 'utf8' })
    expect(init.status).toBe(0)
    expect(readdirSync(join(theme, 'assets/dist'))).toContain('stencil-b2b-auth.js')
    const remove = spawnSync(process.execPath, [cli, 'remove', theme, '--dry-run'], { encoding: 'utf8' })
    expect(remove.status).toBe(0)
    expect(remove.stdout).toContain('templates/components/b2b-auth.html')
  }, 60_000)
})
