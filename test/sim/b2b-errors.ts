// The errors the simulated B2B endpoint answers, in one table so tests can match a message or code
// without copying it. Which of them are the real API's words and which are the sim's is said
// beside each.
import { GraphQLError } from 'graphql'

/** Error codes and messages of the simulated B2B endpoint (beside each: which are the real API's). */
export const B2B_ERRORS = {
  notLive: { message: 'Operation cannot be performed as the storefront channel is not live', code: 403 },
  // Assumption A3.
  signature: { message: 'Signature verification failed', code: 401 },
  // Assumption A4.
  jwtExpired: { message: 'Signature has expired', code: 401 },
  malformed: { message: 'Invalid bcToken: not a JWT', code: 401 },
  wrongStore: { message: 'Store not found', code: 404 },
  unknownChannel: { message: 'Channel not found', code: 404 },
  unknownCustomer: { message: 'Customer not found', code: 404 },
  tokenExpired: { message: 'Token has expired', code: 40101 },
  invalidToken: { message: 'Invalid token', code: 401 },
  permission: { message: 'Permission denied', code: 403 },
  // The Buyer Portal's wrong-password answer (its login page's tests), and the company refusals
  // of both mutations, word for word (b2b-buyer-portal `apps/storefront/src/utils/companyUtils.ts`;
  // Assumption A10 for which pending one). Their codes are the simulator's (Assumption A7), as
  // are those above but 40101.
  badCredentials: { message: 'Invalid Login', code: 40001 },
  companyPending: {
    message:
      'Your business account is pending approval. You will gain access to business account features, products, and pricing after account approval.',
    code: 40301,
  },
  companyInactive: { message: 'This business account is inactive. Reach out to our support team to reactivate your account.', code: 40303 },
  notImplemented: { message: 'Not implemented in the simulated endpoint', code: 501 },
} as const

/** As the real API sends them: the code in `extensions.code`, which the Buyer Portal reads. */
export function b2bError(which: keyof typeof B2B_ERRORS): GraphQLError {
  const { message, code } = B2B_ERRORS[which]
  return new GraphQLError(message, { extensions: { code } })
}
