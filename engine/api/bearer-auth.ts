/**
 * Bearer-token authentication (RFC 6750 section 2.1: `Authorization: Bearer <token>`). Routes marked
 * `config.public` skip it. Comparing digests keeps the comparison constant-time whatever the length given.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

export function bearerAuthHook(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest): Promise<void> => {
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer token (Authorization: Bearer <token>)');
    if (!timingSafeEqual(digest(match[1]!), expected)) throw new ApiError(401, 'unauthorized', 'invalid bearer token');
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
