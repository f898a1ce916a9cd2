#!/usr/bin/env node
// The package's command line: `npx stencil-b2b-auth init|remove [theme-dir] [--dry-run] [--force]`
// and `--version`. Plain Node ESM with no dependencies, so that it runs from the installed package
// (or its packed tarball) without this repository's devDependencies.
import { init, PACKAGE_DIR } from './init.js'
import { remove } from './remove.js'
import { packageVersion } from './stamp.js'

const USAGE = `Usage: stencil-b2b-auth init [theme-dir] [--dry-run] [--force]
       stencil-b2b-auth remove [theme-dir] [--dry-run] [--force]
       stencil-b2b-auth --version

init makes a Stencil theme (Cornerstone or another) load stencil-b2b-auth on every page:
  - copies the partials to templates/components/ (stamped with the package's version: run init
    again after an upgrade, and a partial nobody edited is replaced; an edited one is kept),
  - includes components/b2b-auth in templates/layout/base.html after {{{head.scripts}}},
  - merges the b2b_auth_* settings into config.json and schema.json,
  - copies dist/*.js into assets/dist/ on every build (webpack.common.js), or once, without webpack.
remove undoes each of those (run it before npm uninstall stencil-b2b-auth).

  --dry-run  print what would change, as a diff, and write nothing
  --force    init: replace partials of the theme's that differ from the package's;
             remove: delete them even where they were edited
  --version  print the package's version`

const args = process.argv.slice(2)
const flags = new Set(args.filter((a) => a.startsWith('-')))
const positional = args.filter((a) => !a.startsWith('-'))
const unknown = [...flags].filter((f) => !['--dry-run', '--force', '--help', '-h', '--version', '-v'].includes(f))
const commands = { init, remove }
const command = /** @type {keyof typeof commands | undefined} */ (Object.keys(commands).find((name) => name === positional[0]))

if (flags.has('--version') || flags.has('-v')) {
  console.log(packageVersion(PACKAGE_DIR))
} else if (flags.has('--help') || flags.has('-h') || !command || positional.length > 2 || unknown.length) {
  const help = flags.has('--help') || flags.has('-h')
  if (!help && unknown.length) console.error(`stencil-b2b-auth: unknown option ${unknown.join(', ')}`)
  else if (!help && positional[0] && !command) console.error(`stencil-b2b-auth: unknown command ${positional[0]}`)
  ;(help ? console.log : console.error)(USAGE)
  process.exitCode = help ? 0 : 2
} else {
  try {
    process.exitCode = commands[command](positional[1] ?? '.', { dryRun: flags.has('--dry-run'), force: flags.has('--force') })
  } catch (error) {
    console.error(`stencil-b2b-auth ${command}: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
