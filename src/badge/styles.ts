// The badge's CSS, inside its shadow root: theme CSS cannot reach in, and this reaches nothing
// out. A theme sets only the custom properties, anywhere above the badge (they inherit):
//   --b2b-auth-badge-corner  bottom-right (default), bottom-left, top-right or top-left
//   --b2b-auth-badge-offset  the distance from both edges of that corner (16px)
//   --b2b-auth-badge-bg, --b2b-auth-badge-fg, --b2b-auth-badge-accent  colours
// badge.tsx copies the corner into the host's data-corner attribute. The host's position and
// z-index are !important, which from a shadow tree outranks even a theme's !important.
// The colours default to the system colours of the browser's light or dark scheme (Canvas,
// CanvasText, LinkText), so the badge follows prefers-color-scheme with the contrast the browser
// gives them; the state colours, green, amber and red, mark only the dot and a border, and are
// lighter in the dark scheme, where they sit on a dark badge. In the dark scheme the badge is dark
// on what is usually still a light page: the focus ring gets a halo of the badge's own background,
// which stands out from a light page where LinkText's light blue alone would not.
// The badge never gets wider than the screen less its offset on both sides; below 480px the pill
// shows its short line (state.ts) and `memory` for `memory only`, and cuts with an ellipsis what
// still does not fit, on one line.
export const CSS = `:host{all:initial;position:fixed!important;z-index:2147483000!important;inset:auto var(--b2b-auth-badge-offset,16px) var(--b2b-auth-badge-offset,16px) auto}
:host([data-corner$=left]){right:auto;left:var(--b2b-auth-badge-offset,16px)}
:host([data-corner^=top]){bottom:auto;top:var(--b2b-auth-badge-offset,16px)}
*{box-sizing:border-box}
.root{color-scheme:light dark;display:flex;flex-direction:column-reverse;align-items:flex-end;gap:8px;font:13px/1.4 system-ui,sans-serif;color:var(--b2b-auth-badge-fg,CanvasText)}
:host([data-corner^=top]) .root{flex-direction:column}
:host([data-corner$=left]) .root{align-items:flex-start}
.card,.toggle{background:var(--b2b-auth-badge-bg,Canvas);color:inherit;font:inherit;border:1px solid;border-radius:8px;padding:6px 12px;box-shadow:0 2px 8px #0004}
.card{width:20rem}
.card,.toggle{max-width:calc(100vw - 2 * var(--b2b-auth-badge-offset,16px))}
.toggle{display:flex;align-items:center;gap:6px;border-radius:99px;cursor:pointer;white-space:nowrap}
.dot,b,.tag{flex:none}
.line{min-width:0;overflow:hidden;text-overflow:ellipsis}
.short{display:none}
@media (max-width:480px){.wide{display:none}.short{display:block}}
:focus-visible{outline:3px solid var(--b2b-auth-badge-accent,LinkText);outline-offset:2px;box-shadow:0 0 0 2px var(--b2b-auth-badge-bg,Canvas)}
.dot{width:10px;height:10px;border-radius:50%;background:GrayText}
[data-state=active] .dot{background:#1a7f37}
[data-state=error] .dot{background:#d1242f}
[data-state=renewal-failed] .dot{background:#9a6700}
[data-state$=ing] .dot{background:0;border:2px solid;border-right-color:#0000}
@media (prefers-reduced-motion:no-preference){[data-state$=ing] .dot{animation:s 1s linear infinite}}
@keyframes s{to{rotate:1turn}}
.bad{border-left:6px solid #d1242f;overflow-wrap:anywhere}
p{margin:0}
.bad p{margin-bottom:6px}
.tag{border:1px dashed;border-radius:4px;padding:0 4px}
h2{font-size:1em;margin:4px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px}
dt,.note{opacity:.8}
dd{margin:0;overflow-wrap:anywhere}
.act{font:inherit;background:0;color:var(--b2b-auth-badge-accent,LinkText);border:1px solid;border-radius:6px;padding:3px 10px;margin:0 6px 6px 0;cursor:pointer}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (prefers-color-scheme:dark){[data-state=active] .dot{background:#3fb950}[data-state=error] .dot{background:#f85149}.bad{border-left-color:#f85149}[data-state=renewal-failed] .dot{background:#d29922}}`
