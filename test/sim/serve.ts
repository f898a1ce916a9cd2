// The demo storefront for `npm start`: `npx tsx test/sim/serve.ts`. PORT (default 8080) is the
// storefront; PORT+1 the simulated B2B GraphQL endpoint. Only ever on 127.0.0.1.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { serveDemo } from './demo'
import { startSim } from './index'

const port = Number(process.env.PORT ?? 8080)
if (!Number.isInteger(port) || port < 0 || port > 65534) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`)
  process.exit(1)
}

const sim = await startSim({ storefrontPort: port, b2bPort: port === 0 ? 0 : port + 1 })
serveDemo(sim)

if (!existsSync(resolve(sim.options.distDir, 'stencil-b2b-auth.js'))) {
  console.log('dist/stencil-b2b-auth.js is missing: run `npm run build` first, or the demo page has no module to load.')
}
console.log(`Demo storefront: ${sim.storefrontUrl}/`)
console.log(
  `Simulated B2B GraphQL endpoint: ${sim.b2bUrl} (store ${sim.options.storeHash}, accepting client ids ${sim.options.acceptedClientIds.join(', ')})`,
)
console.log('Ctrl-C to stop.')

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void sim.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
