// The badge chunk: the status badge with Preact, loaded only when the badge is turned on. Built to
// stand alone (see vite.config.ts).
export { hideBadge, showBadge } from './badge'
