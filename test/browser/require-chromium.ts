// Run before the suite: without Chromium the browser tests cannot run, and they are never skipped.
import { hasChromium, MISSING_CHROMIUM } from './chromium'

if (!hasChromium()) {
  console.error(MISSING_CHROMIUM)
  process.exit(1)
}
