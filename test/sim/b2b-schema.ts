// The B2B Edition GraphQL schema the simulated endpoint validates every document against, so a
// document the real API would refuse is refused here too.
import { readFileSync } from 'node:fs'
import {
  buildSchema,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { PORTAL_SCHEMA_EXTENSIONS } from './buyer-portal'
import { SCHEMA_PATH } from './fixtures'

let cachedSchema: GraphQLSchema | undefined
/**
 * The vendored B2B Edition schema, built once per process, with the two fields the Buyer Portal
 * asks that it lacks (Assumptions A21, A22: buyer-portal.ts).
 */
export function b2bSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(readFileSync(SCHEMA_PATH, 'utf8') + PORTAL_SCHEMA_EXTENSIONS)
  return cachedSchema
}

/**
 * The root fields an operation selects, through fragments: what the log records as the request's
 * `operation`, and what a fault target such as 'authorization' matches.
 */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def)
  const names: string[] = []
  const seen = new Set<string>()
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!names.includes(selection.name.value)) names.push(selection.name.value)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet)
      } else {
        const fragment = fragments.get(selection.name.value)
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value)
          walk(fragment.selectionSet)
        }
      }
    }
  }
  walk(operation.selectionSet)
  return names
}
