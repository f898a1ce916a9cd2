import type { B2BAuthApi } from '../boot'

// Placeholder until the badge lands: keeps the chunk's contract (showBadge/hideBadge).
export function showBadge(_api: B2BAuthApi): void {}
export function hideBadge(_api: B2BAuthApi): void {}
