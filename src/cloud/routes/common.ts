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
  /** rate_limited, with Retry-After (the anonymous routes) */
  429: ApiError,
} as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the ApiError code for a request that fails schema validation on this route (default invalid_request) */
    validationErrorCode?: string;
  }
}
