import { browserSuite } from './browser-suite'

browserSuite('firefox')
