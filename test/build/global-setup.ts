import { existsSync } from 'node:fs'

// The budgets are checked on the built bundle: it must exist (no browser needed, so that
// `npm run test:quick` runs on a machine without one).
export default function setup(): void {
  if (!existsSync('dist/stencil-b2b-auth.js'))
    throw new Error('dist/ is not built: run "npm run build" (npm test and npm run test:quick do).')
}
