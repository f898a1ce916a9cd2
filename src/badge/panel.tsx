import { debugTyped } from '../core/debug'
import { formatTime } from './format'
import type { BadgeModel } from './model'

// Stable, so it runs once when the panel opens, not on every render.
const focusOnOpen = (element: HTMLElement | null) => element?.focus()

/**
 * The details the badge opens: where the token is from and how long it lasts, its fingerprint
 * (never the token), the last error, who the B2B API says the shopper is once asked, and the
 * actions. "Copy token" only once debug(true) was typed in the console (a link with the URL flag
 * is not enough); it copies the token and shows its fingerprint.
 */
export function Panel({ model }: { model: BadgeModel }) {
  const status = model.status.value
  const who = model.who.value
  // Read with the clock, so that the open panel renders again each second: debug(true), typed in
  // the console, is no signal (and the pill's line no longer changes every second). Not a bare
  // read: the minifier drops those (pure_getters).
  const debugOn = model.now.value > 0 && debugTyped()
  const rows: [string, string | number | undefined][] = [
    // Without a token the status names no store or customer: what the page named, then.
    ['Store', status.storeHash ?? model.page.storeHash ?? '—'],
    ['Channel', status.channelId],
    ['Customer', status.customerId ?? (model.page.customerId === '' ? 'none (a guest page)' : model.page.customerId) ?? '—'],
    ['Storage', status.storage === 'memory' ? 'memory only (no IndexedDB)' : 'IndexedDB'],
    ['Obtained', formatTime(status.obtainedAt)],
    ['Expires', formatTime(status.expiresAt)],
    ['Fingerprint', status.fingerprint ?? '—'],
    ['Last error', status.error ? `${status.error.code}: ${status.error.message}` : 'none'],
    ['Account', who?.kind],
    ['Name', who?.name],
    ['Role', who?.role],
    ['Company', who?.company],
  ]
  const actions: [string, () => unknown][] = [
    ['Refresh', model.refresh],
    ['Clear', model.clear],
    ['Who am I?', model.whoAmI],
    ...(debugOn ? [['Copy token', model.copy] as [string, () => unknown]] : []),
    ['Hide', model.hide],
  ]
  return (
    <div id="panel" class="card" role="dialog" aria-labelledby="title" tabIndex={-1} ref={focusOnOpen}>
      <h2 id="title">B2B auth</h2>
      <dl>{rows.map(([name, value]) => value !== undefined && [<dt>{name}</dt>, <dd>{value}</dd>])}</dl>
      {actions.map(([label, run]) => (
        <button type="button" class="act" onClick={() => void run()}>
          {label}
        </button>
      ))}
      <p class="note" role="status">
        {model.note.value}
      </p>
    </div>
  )
}
