/**
 * Every error the API returns has one body shape, `{ error: { code, message, details? } }`, with a stable `code`.
 * Foreign errors (fastify's body parsing and schema validation, the store's, the routing layer's) are translated
 * here, at the edge, and anything unexpected becomes a 500 without internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { RulePatternError } from '../routing/rule-pattern.js';
import { ScenarioUploadError } from '../routing/scenario-library.js';
import { StoreError, type StoreErrorCode } from '../store/store-errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const storeStatus: Record<StoreErrorCode, number> = {
  not_found: 404,
  version_conflict: 409,
  in_use: 409,
  already_exists: 409,
  invalid_reference: 400,
  invalid_cursor: 400,
  closed: 503,
};

const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_content_length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json' },
};

/** Translates any error thrown by a route, a hook or fastify itself into the API's error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) return new ApiError(storeStatus[error.code], error.code, error.message, error.details);
  if (error instanceof RulePatternError) {
    return new ApiError(400, error.code, error.message, { field: 'pattern', pattern: error.pattern });
  }
  if (error instanceof ScenarioUploadError) return scenarioUploadError(error);
  const fastifyError = error as Partial<FastifyError> & { validation?: ValidationIssue[] };
  if (fastifyError.validation) return validationError(fastifyError.validation, fastifyError.validationContext);
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (known) return new ApiError(known.status, known.code, cleanMessage(fastifyError.message ?? known.code));
  if (error instanceof SyntaxError && (fastifyError.statusCode ?? 0) === 400) {
    return new ApiError(400, 'malformed_json', `the body is not valid JSON: ${error.message}`);
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ApiError(status, 'bad_request', cleanMessage(fastifyError.message ?? 'bad request'));
  }
  return new ApiError(500, 'internal', 'internal error');
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  if (error.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(error.status).type('application/json').send(body);
}

export function apiErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const apiError = toApiError(error);
  if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendError(reply, apiError);
}

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function validationError(issues: ValidationIssue[], context: string | undefined): ApiError {
  const where = context ?? 'request';
  const errors = issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'additionalProperties') {
      const field = String(issue.params['additionalProperty']);
      return { field: path ? `${path}.${field}` : field, message: `unknown field '${field}'` };
    }
    if (issue.keyword === 'required') {
      const field = String(issue.params['missingProperty']);
      return { field: path ? `${path}.${field}` : field, message: `'${field}' is required` };
    }
    return { field: path || where, message: `${path || where} ${issue.message ?? 'is invalid'}` };
  });
  const first = errors[0];
  return new ApiError(400, 'invalid_request', `invalid ${where}: ${first ? first.message : 'rejected'}`, {
    location: where,
    errors,
  });
}

function scenarioUploadError(error: ScenarioUploadError): ApiError {
  if (error.code === 'scenario_too_large') return new ApiError(413, error.code, error.message);
  if (error.code === 'invalid_name') return new ApiError(400, error.code, error.message);
  const first = error.errors[0];
  return new ApiError(422, error.code, error.message, {
    ...(first && { file: first.file, line: first.line, column: first.column }),
    errors: error.errors,
  });
}

function cleanMessage(message: string): string {
  return message.replace(/^FST_\w+:\s*/, '');
}
