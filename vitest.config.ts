import { defineConfig } from 'vitest/config'
import { sessionContract } from './scripts/mangle-map.ts'

export default defineConfig({
  test: {
    // Two test files at once on a 2-core machine, where the default (cores - 1) runs them one by
    // one; three made timing-held tests fail under the contention. One setting for every project:
    // vitest refuses projects with different maxWorkers in one run.
    maxWorkers: 2,
    projects: [
      {
        // As the build defines it (vite.config.ts): the unit tests run the source.
        define: { __SESSION_CONTRACT__: JSON.stringify(sessionContract()) },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'happy-dom',
          // Unit tests fake fetch; the page's origin only has to look like a storefront's.
          environmentOptions: {
            happyDOM: {
              url: 'http://127.0.0.1:4100/shop/',
              settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true },
            },
          },
          setupFiles: ['test/unit/support/setup.ts'],
          restoreMocks: true,
          unstubGlobals: true,
        },
      },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/build/global-setup.ts'],
        },
      },
      {
        test: {
          // `stencil-b2b-auth init` on a copy of Cornerstone; needs dist/ (built) for the theme
          // without webpack, and renders with stencil-paper.
          name: 'init',
          include: ['test/init/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/build/global-setup.ts'],
          testTimeout: 60_000,
          // afterAll deletes every copy of Cornerstone the file made: seconds on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The package in the real Cornerstone, built by its own webpack and linted by its own
          // eslint: Cornerstone's dependencies are installed once (npm ci, cached in
          // node_modules/.cache), its production build takes about a minute.
          name: 'theme',
          include: ['test/theme/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/build/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          // One worker process for the files it runs in turn, so they share its Chromium
          // (sharedChromium); each file still gets its own simulator and contexts.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
