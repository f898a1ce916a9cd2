// What the browser tests share beyond the harness (../harness.ts): reading a page's state, the
// checks every file makes, and the screenshot and accessibility runners.
export { runAxe, serious, type AxeResult } from './axe'
export { BADGE, badge, badgeState, inBadge, pageText } from './badge'
export { JWT_TEXT, expectNoSecretInConsole, moduleLines } from './console'
export { openServed, type ServedOptions } from './open'
export { expectNoPageErrors, failOnPageErrors, type PageErrorSource } from './page-errors'
export { expectStableScreenshot, SHOTS } from './screenshots'
export { customerOf, status, statusCustomerId, tabsIdle } from './status'
export { controlledByServiceWorker, switchOffServiceWorker, switchOnServiceWorker } from './service-worker'
