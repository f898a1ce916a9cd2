#!/usr/bin/env node
// The package's command line: `npx stencil-b2b-auth init [theme-dir] [--dry-run] [--force]`.
// Plain Node ESM with no dependencies, so that it runs from the installed package (or its packed
// tarball) without this repository's devDependencies.
import { init } from './init.js'

const USAGE = `Usage: stencil-b2b-auth init [theme-dir] [--dry-run] [--force]

Makes a Stencil theme (Cornerstone or another) load stencil-b2b-auth on every page:
  - copies the partials to templates/components/,
  - includes components/b2b-auth in templates/layout/base.html after {{{head.scripts}}},
  - merges the b2b_auth_* settings into config.json and schema.json,
  - copies dist/*.js into assets/dist/ on every build (webpack.common.js), or once, without webpack.

  --dry-run  print what would change, as a diff, and write nothing
  --force    replace partials of the theme's that differ from the package's`

const args = process.argv.slice(2)
const flags = new Set(args.filter((a) => a.startsWith('-')))
const positional = args.filter((a) => !a.startsWith('-'))
const unknown = [...flags].filter((f) => !['--dry-run', '--force', '--help', '-h'].includes(f))

if (flags.has('--help') || flags.has('-h') || positional[0] !== 'init' || positional.length > 2 || unknown.length) {
  const help = flags.has('--help') || flags.has('-h')
  if (!help && unknown.length) console.error(`stencil-b2b-auth: unknown option ${unknown.join(', ')}`)
  ;(help ? console.log : console.error)(USAGE)
  process.exit(help ? 0 : 2)
}

try {
  process.exitCode = init(positional[1] ?? '.', { dryRun: flags.has('--dry-run'), force: flags.has('--force') })
} catch (error) {
  console.error(`stencil-b2b-auth init: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
