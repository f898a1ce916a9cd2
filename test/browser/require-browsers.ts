// Run before the suite: the browser tests run in all three engines and are never skipped, so a
// machine without one stops here with one line naming the package to install.
import { missingLine } from './engines'

const line = missingLine()
if (line) {
  console.error(line)
  process.exit(1)
}
