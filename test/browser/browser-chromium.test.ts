import { browserSuite } from './browser-suite'

browserSuite('chromium')
