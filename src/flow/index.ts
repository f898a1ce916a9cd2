import type { FlowChunk } from '../core/contract'
import { clear } from '../core/state'
import { requestWithToken } from './b2b-graphql'
import { getToken } from './get-token'
import { onTabMessage } from './tab-message'
import { onWake } from './wake'

/**
 * The flow chunk: everything the engine does besides serving a cached token. Loaded on the first
 * cache miss, tab message or wake-up that needs work; built to stand alone (see vite.config.ts).
 * One object rather than named exports, so that the build can shorten its keys as it does the
 * engine's fields: export names cannot be.
 */
export const flow: FlowChunk = { getToken, onTabMessage, onWake, clear, requestWithToken }
