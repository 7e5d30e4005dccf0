/** Pieces every route module shares: the error replies it documents and the plugin options it receives. */
import { ApiError } from '../../shared/sync';
import type { CloudContext } from '../context';

export interface RouteOptions {
  ctx: CloudContext;
}

/** The 4xx replies a route may give; all are ApiError JSON. */
export const errorReplies = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  410: ApiError,
  422: ApiError,
  /** body_too_large: the body is larger than the route accepts (nothing was read or applied) */
  413: ApiError,
  /** rate_limited, with Retry-After (the anonymous routes) */
  429: ApiError,
} as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the ApiError code for a request that fails schema validation on this route (default invalid_request) */
    validationErrorCode?: string;
  }
}

/**
 * Body limits of the routes anyone may call: a stranger's request is read whole before its rate limit is counted,
 * so it must be small (the app's 1 MB limit is for authenticated callers).
 */
export const ANONYMOUS_BODY_LIMIT = {
  /** a booking with 50 companions is ~20 KB */
  booking: 64 * 1024,
  enrol: 4 * 1024,
  /** a token is at most 4 KB */
  verify: 8 * 1024,
  /** a phone, a code and a site id */
  signIn: 2 * 1024,
} as const;

/**
 * For a list route whose reply its handler builds field by field from the contract's types (toBooking,
 * toVisitRecord: TypeScript checks the shape against the response schema): the reply written with JSON.stringify
 * alone. The zod serializer parses every row of the reply again first, about a third of a 100-row list's time
 * (issue 12); the schema still documents the reply.
 */
export const builtReply = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) } as const;
