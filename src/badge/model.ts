import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals-core'
import type { B2BAuthApi } from '../api'
import type { B2BAuthStatus } from '../core/contract'
import { pageNamed, type PageNamed } from './page'
import { badgeState, summary, type BadgeState } from './state'
import { whoAmI, type WhoAmI } from './who-am-i'

/**
 * The badge's state, as signals, and its actions. Its only boundary is the public API
 * (`window.b2bAuth`): the badge sees what any script on the page sees, and never the token but
 * on its way to the clipboard.
 */
export interface BadgeModel {
  readonly api: B2BAuthApi
  /** The engine's status, kept current by onB2BTokenChange while the badge is shown. */
  readonly status: Signal<B2BAuthStatus>
  /** The badge's clock, ticking once a second while it is shown. */
  readonly now: Signal<number>
  readonly open: Signal<boolean>
  /** What the last action did, announced in the panel. */
  readonly note: Signal<string>
  readonly who: Signal<WhoAmI | null>
  readonly state: ReadonlySignal<BadgeState>
  readonly line: ReadonlySignal<string>
  /** The line for a narrow screen (CSS shows one of the two). */
  readonly short: ReadonlySignal<string>
  /** What the page's script tag named, read once when the badge is shown. */
  readonly page: PageNamed
  /** The badge's button, which Escape gives the focus back to. */
  readonly toggle: { current: HTMLButtonElement | null }
  refresh(): Promise<void>
  clear(): Promise<void>
  copy(): Promise<void>
  whoAmI(): Promise<void>
  close(): void
  hide(): void
}

export function createModel(api: B2BAuthApi, hide: () => void, page: PageNamed = pageNamed()): BadgeModel {
  const status = signal(api.getB2BStatus())
  const now = signal(Date.now())
  const note = signal('')
  const who = signal<WhoAmI | null>(null)

  // An action shows that it runs, then how it went: never with the token in it.
  const run = async (action: () => Promise<string>) => {
    note.value = '…'
    try {
      note.value = await action()
    } catch (error) {
      note.value = api.isB2BAuthError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.name ?? error)
    }
  }

  const model: BadgeModel = {
    api,
    status,
    now,
    open: signal(false),
    note,
    who,
    state: computed(() => badgeState(status.value)),
    line: computed(() => summary(status.value, now.value, page)),
    short: computed(() => summary(status.value, now.value, page, true)),
    page,
    toggle: { current: null },
    refresh: () =>
      run(async () => {
        await api.getB2BToken({ forceRefresh: true })
        return 'Refreshed.'
      }),
    clear: () =>
      run(async () => {
        await api.clearB2BToken()
        return 'Cleared.'
      }),
    copy: () =>
      run(async () => {
        const token = await api.getB2BToken()
        if (token === null) return 'No token: nobody is signed in.'
        await navigator.clipboard.writeText(token)
        return `Token ${api.getB2BStatus().fingerprint} copied.`
      }),
    whoAmI: () =>
      run(async () => {
        who.value = await whoAmI(api)
        return ''
      }),
    close() {
      model.open.value = false
      model.toggle.current?.focus()
    },
    hide,
  }
  return model
}

/** A new status; who the API said we are holds only for the same customer. */
export function update(model: BadgeModel, next: B2BAuthStatus): void {
  if (next.customerId !== model.status.value.customerId) model.who.value = null
  model.status.value = next
}
