// The simulated B2B Edition GraphQL endpoint over HTTP: parsing and validating a POST against the
// schema, executing it with the resolvers, and CORS. It is another origin than the storefront, as
// api-b2b.bigcommerce.com is, so the browser enforces CORS on every call the page makes.
import type { IncomingMessage } from 'node:http'
import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode, type GraphQLFieldResolver } from 'graphql'
import { b2bFieldResolver, type GraphQLContext } from './b2b-resolvers'
import { b2bSchema, rootFieldNames } from './b2b-schema'
import { type Exchange, isObject, send, sendJson } from './exchange'
import type { SimState } from './state'

/** What a B2B POST turned out to be, worked out before faults and answering. */
type GraphQLPlan =
  | { kind: 'error'; status: number; body: unknown }
  | { kind: 'execute'; document: DocumentNode; variables: Record<string, unknown> | undefined; operationName: string | undefined }

/** Added to every answer of the B2B server. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  return { 'Access-Control-Allow-Origin': origin ?? '*', Vary: 'Origin' }
}

export type B2bHandlers = ReturnType<typeof b2bHandlers>

export function b2bHandlers(state: SimState) {
  const schema = b2bSchema()
  const fieldResolver: GraphQLFieldResolver<unknown, GraphQLContext> = b2bFieldResolver({
    schema,
    options: state.options,
    clock: state.clock,
    tokens: state.tokens,
    findCustomer: (id) => state.findCustomer(id),
    issuedLoginTokens: state.issuedLoginTokens,
    ledger: state.ledger,
  })

  /** Works out what a B2B POST asks for, without answering: the log and faults need the operation. */
  function planGraphQL(ex: Exchange, raw: Buffer): GraphQLPlan {
    const text = raw.toString('utf8')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      ex.entry.body = text
      return { kind: 'error', status: 400, body: { errors: [{ message: `Invalid JSON body: ${(error as Error).message}` }] } }
    }
    ex.entry.body = body
    if (!isObject(body) || typeof body.query !== 'string') {
      return { kind: 'error', status: 400, body: { errors: [{ message: 'Must provide query string.' }] } }
    }
    const variables = isObject(body.variables) ? body.variables : undefined
    if (variables) ex.entry.variables = variables
    if (body.variables !== undefined && body.variables !== null && !variables) {
      return { kind: 'error', status: 400, body: { errors: [{ message: 'Variables must be provided as an Object.' }] } }
    }
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined
    let document: DocumentNode
    try {
      document = parse(body.query)
    } catch (error) {
      const errors = error instanceof GraphQLError ? [error.toJSON()] : [{ message: String(error) }]
      return { kind: 'error', status: 400, body: { errors } }
    }
    const operation = getOperationAST(document, operationName)
    if (operation) ex.entry.operation = rootFieldNames(document, operation).join(',')
    const errors = validate(schema, document)
    if (errors.length > 0) return { kind: 'error', status: 400, body: { errors: errors.map((e) => e.toJSON()) } }
    return { kind: 'execute', document, variables, operationName }
  }

  async function answerGraphQL(ex: Exchange, plan: GraphQLPlan): Promise<void> {
    if (plan.kind === 'error') {
      sendJson(ex, plan.status, plan.body)
      return
    }
    const authorization = ex.req.headers.authorization ?? ''
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
    const result = await execute({
      schema,
      document: plan.document,
      variableValues: plan.variables ?? null,
      operationName: plan.operationName ?? null,
      contextValue: { bearer, request: ex.entry } satisfies GraphQLContext,
      fieldResolver,
    })
    // Fact: the real API answers GraphQL errors in a 200 body (the Buyer Portal reads them whatever
    // the status, b2b-buyer-portal `apps/storefront/src/shared/service/request/b3Fetch.ts`). A
    // request that never ran (bad variables) has no `data` and gets 400 (Assumption A18).
    sendJson(ex, 'data' in result ? 200 : 400, result)
  }

  return {
    /** POST /graphql, planned on arrival and answered after the latency and any fault. */
    graphql(ex: Exchange, raw: Buffer): () => Promise<void> {
      const plan = planGraphQL(ex, raw)
      return () => answerGraphQL(ex, plan)
    },

    /**
     * A public API's preflight. No Access-Control-Allow-Credentials: a credentialed request
     * (cookies) fails CORS in the browser, as it should since the client must never send them.
     */
    preflight(ex: Exchange): void {
      // PUT and the headers past content-type and authorization: the Buyer Portal's (its REST
      // calls send `authToken`; `Accept-Language`, and `Store-Hash` with `BC-Channel-Id` on the
      // bc-storefront proxy without a token: `shared/service/request/b3Fetch.ts`).
      send(ex, 204, {
        'Access-Control-Allow-Methods': 'POST, PUT, OPTIONS',
        'Access-Control-Allow-Headers': 'content-type, authorization, authtoken, accept-language, store-hash, bc-channel-id',
        'Access-Control-Max-Age': '600',
      })
    },

    postOnly(ex: Exchange): void {
      sendJson(ex, 405, { errors: [{ message: 'Only POST is supported' }] }, { Allow: 'POST, OPTIONS' })
    },

    notFound(ex: Exchange): void {
      sendJson(ex, 404, { errors: [{ message: 'Not Found' }] })
    },
  }
}
