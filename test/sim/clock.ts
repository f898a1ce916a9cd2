// The sim's own "now" and the waits it makes. A test moves "now" with sim.clockOffsetMs to expire
// JWTs and tokens without waiting; every wait is a timer close() can cancel, so a closed sim
// leaves nothing running in the test process.

export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>()
  private closed = false

  /** `offsetMs` is read on every call: the test sets it on the Sim object at any time. */
  constructor(private readonly offsetMs: () => number) {}

  now(): number {
    return Date.now() + this.offsetMs()
  }

  nowSec(): number {
    return Math.floor(this.now() / 1000)
  }

  get stopped(): boolean {
    return this.closed
  }

  /** Never settles once stopped: a request caught mid-wait by close() is never answered. */
  sleep(ms: number | undefined): Promise<void> {
    if (!ms || ms <= 0 || this.closed) return this.closed ? new Promise(() => {}) : Promise.resolve()
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        done()
      }, ms)
      this.timers.add(timer)
    })
  }

  stop(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
