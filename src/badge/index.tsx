// The badge chunk: the status badge (Preact) and the console tools, loaded only when the badge is
// turned on or a console function is called. Built to stand alone (see vite.config.ts).
export { debug, help, refresh, status } from './console'
export { hideBadge, showBadge } from './badge'
