import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

/** The real Cornerstone theme, read-only: every test works on a copy. */
export const CORNERSTONE = process.env.CORNERSTONE_DIR ?? '/work/shared/cornerstone'
export const CLI = join(import.meta.dirname, '../../cli/stencil-b2b-auth.js')

const copies: string[] = []

/** A fresh copy of Cornerstone (without any node_modules) in a temp folder; see removeCopies(). */
export function copyCornerstone(): string {
  if (!existsSync(join(CORNERSTONE, 'templates/layout/base.html'))) {
    throw new Error(`no Cornerstone theme at ${CORNERSTONE}: set CORNERSTONE_DIR to a checkout of bigcommerce/cornerstone`)
  }
  const parent = mkdtempSync(join(tmpdir(), 'stencil-b2b-auth-init-'))
  copies.push(parent)
  const dir = join(parent, 'cornerstone')
  cpSync(CORNERSTONE, dir, { recursive: true, filter: (source) => !source.includes('/node_modules') && !source.endsWith('/.git') })
  return dir
}

/** Deletes every copy this test file made: for its afterAll. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Runs `stencil-b2b-auth <args>` as npx would, in `cwd`. */
export function runCli(args: string[], cwd = process.cwd()) {
  const started = performance.now()
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started }
}

/** Every file of a folder, path -> content, for checking that nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return [relative(dir, path), readFileSync(path, 'latin1')]
    }),
  )
}

/** The theme's templates as Stencil's assembler hands them to Paper: 'components/x' -> source. */
export function themeTemplates(dir: string): Record<string, string> {
  const root = join(dir, 'templates')
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.html'))
  return Object.fromEntries(
    files.map((e) => [relative(root, join(e.parentPath, e.name)).replace(/\.html$/, ''), readFileSync(join(e.parentPath, e.name), 'utf8')]),
  )
}

/** The theme's config.json settings: the theme_settings a store renders with before any change. */
export const themeSettings = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { settings: Record<string, unknown> }).settings
