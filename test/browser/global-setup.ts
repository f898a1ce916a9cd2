import { existsSync } from 'node:fs'
import { missingLine } from './drivers'

// Browser tests load the built bundle as a theme would: it must exist, and so must every browser.
export default function setup(): void {
  const line = missingLine()
  if (line) throw new Error(line)
  if (!existsSync('dist/stencil-b2b-auth.js')) throw new Error('dist/ is not built: run "npm run build" (npm test does).')
}
