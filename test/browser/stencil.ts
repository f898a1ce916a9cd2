import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error: stencil-paper ships no types
import Paper from '@bigcommerce/stencil-paper'
import CopyPlugin from 'copy-webpack-plugin'
import webpack, { type Configuration } from 'webpack'

const ROOT = join(import.meta.dirname, '../..')
const SNIPPETS = join(ROOT, 'theme-snippets')

/** A snippet file of theme-snippets/, as a theme would hold it. */
export const snippet = (path: string) => readFileSync(join(SNIPPETS, path), 'utf8')

export interface StencilContext {
  /** The signed-in customer's id; absent for a guest (then `customer` is not in the context). */
  customerId?: number
  storeHash: string
  /** `settings.channel_id`; absent leaves it out of the context, as the object reference does. */
  channelId?: number
  /** Theme settings, as config.json's `settings` and the merchant's choices in Page Builder. */
  themeSettings?: Record<string, unknown>
  /** The CSP nonce Stencil puts in `{{nonce}}`. */
  nonce?: string
  /** The storefront CDN base for `{{cdn}}`; with `themeVersion`, paths are <cdnUrl>/stencil/<version>/… */
  cdnUrl: string
  /** The theme version id: without it, `{{cdn 'assets/…'}}` is `/assets/…`, as under `stencil start`. */
  themeVersion?: string
}

/**
 * Renders templates with @bigcommerce/stencil-paper, the renderer Stencil uses, with a context
 * shaped as a store's: `customer`, `settings`, `theme_settings` (theme-snippets/config.json's
 * defaults under the given ones), the nonce and the CDN. A template that does not compile or
 * render (a syntax error, a missing partial or helper) rejects, failing the test.
 */
export async function renderStencil(templates: Record<string, string>, page: string, ctx: StencilContext): Promise<string> {
  const config = JSON.parse(snippet('config.json')) as { settings: Record<string, unknown> }
  const themeSettings = { ...config.settings, ...ctx.themeSettings }
  const siteSettings = { cdn_url: ctx.cdnUrl, ...(ctx.themeVersion ? { theme_version_id: ctx.themeVersion } : {}) }
  const assembler = {
    getTemplates: (_path: string, processor: (t: Record<string, string>) => unknown) => Promise.resolve(processor(templates)),
    getTranslations: () => Promise.resolve({}),
  }
  // Paper wants the console itself: any other logger replaces the global console's methods.
  const params = ctx.nonce ? { security: { nonce: ctx.nonce } } : {}
  const paper = new Paper(siteSettings, themeSettings, assembler, 'handlebars-v4', console, 'info', params)
  await paper.loadTheme(page, 'en')
  const context = {
    ...(ctx.customerId === undefined ? {} : { customer: { id: ctx.customerId, name: 'Customer', email: 'customer@example.com' } }),
    settings: { store_hash: ctx.storeHash, ...(ctx.channelId === undefined ? {} : { channel_id: ctx.channelId }) },
    theme_settings: themeSettings,
    page_type: 'default',
    urls: { account: { index: '/account.php' } },
  }
  return (await paper.render(page, context)) as string
}

export interface LayoutOptions {
  /** HTML (Handlebars) in the page's body. */
  body?: string
  /**
   * Where base.html includes the partial: `head` (what theme-snippets/README.md recommends), or
   * `end`, before `</body>` after everything else.
   */
  partial?: 'head' | 'end'
  /**
   * Cornerstone's theme bundle tags (`__webpack_public_path__`, `theme-bundle.main.js`): `async` as
   * Cornerstone has it, or `sync`, as older Cornerstone versions had it (it then runs, for sure,
   * before the parser reaches what follows it).
   */
  themeBundle?: 'async' | 'sync' | false
}

/**
 * A base layout like Cornerstone's templates/layout/base.html, with the b2b-auth partial included
 * where a theme would include it. Cornerstone loads its webpack bundle, a classic script, with
 * `async`, after the footer and before `{{{footer.scripts}}}`.
 */
export function layout(options: LayoutOptions | string = {}): string {
  const { body = '', partial = 'end', themeBundle = false } = typeof options === 'string' ? { body: options } : options
  const include = '{{> components/b2b-auth}}'
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stencil storefront</title>
${partial === 'head' ? include : ''}
</head>
<body>
<h1>Stencil storefront</h1>
${body}
${
  themeBundle
    ? `<script nonce="{{nonce}}">window.__webpack_public_path__ = "{{cdn 'assets/dist/'}}";</script>
<script nonce="{{nonce}}"${themeBundle === 'async' ? ' async defer' : ''} src="{{cdn 'assets/dist/theme-bundle.main.js'}}"></script>`
    : ''
}
${partial === 'end' ? include : ''}
</body></html>`
}

/** webpack's output: file name -> code. */
export type Bundle = Map<string, string>

/** A file of theme-snippets/examples, as an absolute path for an import in a theme's app.js. */
export const example = (file: string) => join(SNIPPETS, 'examples', file)

/**
 * Builds `app` (the source of a theme's assets/js/app.js) the way Cornerstone's webpack.common.js
 * does: webpack 5, a classic script `theme-bundle.main.js` whose chunks `theme-bundle.chunk.<id>.js`
 * load from the public path app.js takes from `window.__webpack_public_path__` (base.html sets it
 * to `{{cdn 'assets/dist/'}}`), into an assets/dist that every build empties first (Cornerstone's
 * CleanWebpackPlugin; here `output.clean`). `stencil-b2b-auth` resolves as after `npm install
 * stencil-b2b-auth`: through a node_modules folder, so this package's package.json `exports` pick
 * the file (dist/: build first). The copy-webpack-plugin pattern is theme-snippets/README.md's, which
 * puts the package's dist/ files into assets/dist on every build. Returns what assets/dist holds
 * after the build; throws with webpack's errors and warnings.
 */
export async function bundleLikeCornerstone(app: string): Promise<Bundle> {
  const work = mkdtempSync(join(tmpdir(), 'stencil-b2b-auth-webpack-'))
  try {
    mkdirSync(join(work, 'node_modules'))
    symlinkSync(ROOT, join(work, 'node_modules', 'stencil-b2b-auth'), 'dir')
    mkdirSync(join(work, 'assets/js'), { recursive: true })
    // Cornerstone's app.js starts with this line.
    writeFileSync(join(work, 'assets/js/app.js'), `__webpack_public_path__ = window.__webpack_public_path__\n${app}`)
    const config: Configuration = {
      mode: 'production',
      context: work,
      target: ['web', 'es2020'],
      devtool: false,
      entry: { main: './assets/js/app.js' },
      output: {
        path: join(work, 'assets/dist'),
        filename: 'theme-bundle.[name].js',
        chunkFilename: 'theme-bundle.chunk.[name].js',
        clean: true,
      },
      // Already minified: webpack's minifier leaves them as built.
      plugins: [
        new CopyPlugin({ patterns: [{ from: 'node_modules/stencil-b2b-auth/dist/*.js', to: '[name][ext]', info: { minimized: true } }] }),
      ],
      resolve: { modules: [join(work, 'node_modules'), 'node_modules'] },
      performance: { hints: false },
    }
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      const compiler = webpack(config)
      compiler.run((error, result) => {
        compiler.close(() => (error || !result ? reject(error ?? new Error('webpack gave no stats')) : resolve(result)))
      })
    })
    if (stats.hasErrors() || stats.hasWarnings()) throw new Error(stats.toString({ all: false, errors: true, warnings: true }))
    const out = join(work, 'assets/dist')
    return new Map(readdirSync(out).map((file) => [file, readFileSync(join(out, file), 'utf8')]))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
