import { browserSuite } from './browser-suite'

browserSuite('webkit')
