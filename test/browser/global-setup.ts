import { existsSync } from 'node:fs'
import { hasChromium, MISSING_CHROMIUM } from './chromium'

// Browser tests load the built bundle as a theme would: it must exist, and so must Chromium.
export default function setup(): void {
  if (!hasChromium()) throw new Error(MISSING_CHROMIUM)
  if (!existsSync('dist/stencil-b2b-auth.js')) throw new Error('dist/ is not built: run "npm run build" (npm test does).')
}
