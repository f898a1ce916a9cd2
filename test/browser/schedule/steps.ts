// The steps of a schedule and how fast-check draws them. A step is plain data (printed, shrunk and
// replayed as it is); the world (world.ts) runs it against the tabs and the simulator.
import fc from 'fast-check'

/** The customers the schedules sign in (both in the sim's store, with passwords). */
export const CUSTOMERS = [1, 2] as const
export type Customer = (typeof CUSTOMERS)[number]

/**
 * The page's data-customer-id: 'live' as Stencil renders it for the session ({{customer.id}},
 * '' for a guest), 'none' left out, or a stale one: customer 1's, 2's, or a guest's whatever the
 * session is (a page from a cache, the back/forward cache).
 */
export type Hint = 'live' | 'none' | 'stale-1' | 'stale-2' | 'stale-guest'

export interface PageFlags {
  /** window.BroadcastChannel deleted before the module runs. */
  noBroadcastChannel: boolean
  /** navigator.locks missing. */
  noLocks: boolean
  /** A stand-in for the Buyer Portal's window.b2b (callbacks, utils.user) that can fire on-logout. */
  portal: boolean
  /** A second module tag with the same settings: 'same' in the same attribute order, 'reordered' in another. */
  secondTag: 'no' | 'same' | 'reordered'
}

export type FaultKind = '5xx' | '429' | 'reset' | 'hang'
export type Target = 'current.jwt' | 'authorization'
export type CallKind = 'get' | 'force' | 'graphql'
export type ClockMove = 'hour' | 'jwt-life' | 'renewal' | 'day'

export type Step =
  /** Opens a storefront page in a tab (navigates it). */
  | { do: 'open'; tab: number; hint: Hint; flags: PageFlags }
  /** Signs the storefront session in as a customer from a tab (/login?customer=), landing on a page for them. */
  | { do: 'storefront-sign-in'; tab: number; customer: Customer; flags: PageFlags }
  /** Signs the storefront session out from a tab (/logout), landing on a guest page. */
  | { do: 'storefront-sign-out'; tab: number; flags: PageFlags }
  /** getB2BToken(), getB2BToken({ forceRefresh: true }) or b2bGraphQL() in a tab's page. */
  | { do: 'call'; tab: number; call: CallKind }
  | { do: 'module-sign-in'; tab: number; customer: Customer }
  | { do: 'module-sign-out'; tab: number; storefront: boolean }
  | { do: 'clear'; tab: number }
  /** The cache-first service worker switched on (matching by URL, or by path alone) or off from a tab's page. */
  | { do: 'service-worker'; tab: number; on: boolean; ignoreSearch: boolean }
  /** The page clock and the sim's moved forward together. */
  | { do: 'clock'; by: ClockMove }
  /** indexedDB.deleteDatabase() of the module's database from a tab's page. */
  | { do: 'delete-indexeddb'; tab: number }
  /** The next request of `target` fails so ('hang': held until released, then reset). */
  | { do: 'fault'; target: Target | 'customerInfo'; kind: FaultKind }
  /** The next request of `target` is held by the sim until a 'release' (or the schedule's end). */
  | { do: 'hold'; target: Target }
  /** Releases the oldest held answer. */
  | { do: 'release' }
  /** The Buyer Portal signs out: the storefront sign-out, then its on-logout callbacks. */
  | { do: 'portal-logout'; tab: number }

export interface Schedule {
  /** How many tabs the schedule drives (2–4); a step's tab index is taken modulo this. */
  tabs: number
  steps: Step[]
}

const tab = fc.nat({ max: 3 })
const customer = fc.constantFrom<Customer>(...CUSTOMERS)
const rarely = fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 })

export const flagsArb: fc.Arbitrary<PageFlags> = fc.record({
  noBroadcastChannel: rarely,
  noLocks: rarely,
  portal: fc.boolean(),
  secondTag: fc.oneof(
    { arbitrary: fc.constant('no' as const), weight: 36 },
    { arbitrary: fc.constant('same' as const), weight: 2 },
    { arbitrary: fc.constant('reordered' as const), weight: 2 },
  ),
})

const hint = fc.oneof(
  { arbitrary: fc.constant<Hint>('live'), weight: 6 },
  { arbitrary: fc.constantFrom<Hint>('none', 'stale-1', 'stale-2', 'stale-guest'), weight: 3 },
)

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ do: fc.constant('open' as const), tab, hint, flags: flagsArb }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('storefront-sign-in' as const), tab, customer, flags: flagsArb }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('storefront-sign-out' as const), tab, flags: flagsArb }) },
  {
    weight: 4,
    arbitrary: fc.record({ do: fc.constant('call' as const), tab, call: fc.constantFrom<CallKind>('get', 'get', 'force', 'graphql') }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('module-sign-in' as const), tab, customer }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('module-sign-out' as const), tab, storefront: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('clear' as const), tab }) },
  {
    weight: 3,
    arbitrary: fc.record({
      do: fc.constant('service-worker' as const),
      tab,
      on: fc.oneof({ arbitrary: fc.constant(true), weight: 2 }, { arbitrary: fc.constant(false), weight: 1 }),
      ignoreSearch: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant('clock' as const), by: fc.constantFrom<ClockMove>('hour', 'jwt-life', 'renewal', 'day') }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('delete-indexeddb' as const), tab }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('fault' as const),
      target: fc.constantFrom<Target | 'customerInfo'>('current.jwt', 'authorization', 'customerInfo'),
      kind: fc.constantFrom<FaultKind>('5xx', '429', 'reset', 'hang'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('hold' as const),
      target: fc.constantFrom<Target>('authorization', 'authorization', 'current.jwt'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('release' as const) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('portal-logout' as const), tab }) },
)

/**
 * Schedules of up to `maxSteps` steps. `without` leaves out kinds of step ('hold', 'service-worker'...)
 * or page flags ('second-tag', 'no-broadcast-channel', 'no-locks', 'portal'): to look past a
 * failure already known, say.
 */
export function scheduleArb(maxSteps: number, without: readonly string[] = []): fc.Arbitrary<Schedule> {
  const plain = (flags: PageFlags): PageFlags => ({
    noBroadcastChannel: flags.noBroadcastChannel && !without.includes('no-broadcast-channel'),
    noLocks: flags.noLocks && !without.includes('no-locks'),
    portal: flags.portal && !without.includes('portal'),
    secondTag: without.includes('second-tag') ? 'no' : flags.secondTag,
  })
  const step = stepArb.filter((s) => !without.includes(s.do)).map((s) => ('flags' in s ? { ...s, flags: plain(s.flags) } : s))
  return fc.record({ tabs: fc.integer({ min: 2, max: 4 }), steps: fc.array(step, { minLength: 1, maxLength: maxSteps }) })
}

/** One line per step, for a failure's report. */
export function describeStep(step: Step, tabs: number): string {
  const { do: what, ...rest } = step
  const fields = Object.entries(rest).map(([key, value]) => {
    if (key === 'tab') return `tab ${(value as number) % tabs}`
    if (key === 'flags') {
      const f = value as PageFlags
      const on = [
        f.noBroadcastChannel && 'no BroadcastChannel',
        f.noLocks && 'no Web Locks',
        f.portal && 'Portal',
        f.secondTag !== 'no' && `second tag ${f.secondTag}`,
      ]
      return on.filter(Boolean).join(', ') || 'plain page'
    }
    return `${key} ${String(value)}`
  })
  return `${what}(${fields.join('; ')})`
}
