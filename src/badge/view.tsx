import type { BadgeModel } from './model'
import { Panel } from './panel'
import { announcement, named } from './state'

/**
 * The badge: one button with the state in a line (customer, channel, time left; a shorter line on
 * a narrow screen), the error, the store and customer the page named and a Retry button in the
 * error state, the details panel when open, and a live region that
 * announces state changes (not the countdown).
 */
export function Badge({ model }: { model: BadgeModel }) {
  const status = model.status.value
  const state = model.state.value
  const open = model.open.value
  return (
    <div
      class="root"
      data-state={state}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && model.open.value) model.close()
      }}
    >
      <button
        ref={model.toggle}
        type="button"
        class="toggle"
        aria-expanded={open}
        aria-controls={open ? 'panel' : undefined}
        onClick={() => (open ? model.close() : (model.open.value = true))}
      >
        <span class="dot" aria-hidden="true" />
        <b>B2B</b>
        <span class="line wide">{model.line.value}</span>
        <span class="line short">{model.short.value}</span>
        {status.storage === 'memory' && (
          <span class="tag">
            memory<span class="wide"> only</span>
          </span>
        )}
      </button>
      {state === 'error' && (
        <div class="card bad">
          <p>
            {status.error?.code}: {status.error?.message}
          </p>
          {named(model.page) && <p class="where">{named(model.page)}</p>}
          <p class="fix">Causes and fixes: stencil-b2b-auth docs/troubleshooting.md</p>
          <button type="button" class="act" onClick={() => void model.refresh()}>
            Retry
          </button>
        </div>
      )}
      {open && <Panel model={model} />}
      <p class="sr" role="status" aria-live="polite">
        {announcement(status, model.page)}
      </p>
    </div>
  )
}
