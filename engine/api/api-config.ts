/**
 * The management API's configuration, with its defaults. The token is required: the API never runs open.
 */
import { randomBytes } from 'node:crypto';

export interface ApiConfig {
  /** Default 127.0.0.1: the API is for operators, not for the internet. */
  host: string;
  /** Default 8080; 0 picks a free port (tests). */
  port: number;
  /** Bearer token every route except `/health`, `/openapi.json`, signed downloads and control URLs requires. */
  token: string;
  /** HMAC key for signed download URLs and session control URLs. */
  signingSecret: string;
  /** Base of the URLs the API hands out (control and download URLs); default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Largest JSON body, in bytes (default 64 KiB). */
  maxBodyBytes: number;
  /** Largest uploaded audio asset, in bytes (default 20 MiB). */
  maxAssetBytes: number;
  /** Lifetime of a signed URL when the request does not say (default 3600 s; at most 7 days). */
  signedUrlTtlSeconds: number;
}

export type ApiConfigInput = Partial<ApiConfig> & Pick<ApiConfig, 'token'>;

export class ApiConfigError extends Error {
  readonly code = 'invalid_config';
}

export const maxSignedUrlTtlSeconds = 7 * 24 * 3600;

export function resolveApiConfig(input: ApiConfigInput): ApiConfig {
  if (typeof input.token !== 'string' || input.token.length === 0) {
    throw new ApiConfigError('the management API needs a bearer token (api.token)');
  }
  const config: ApiConfig = {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 8080,
    token: input.token,
    // Without a configured secret, URLs signed before a restart stop working after it.
    signingSecret: input.signingSecret ?? randomBytes(32).toString('hex'),
    maxBodyBytes: input.maxBodyBytes ?? 64 * 1024,
    maxAssetBytes: input.maxAssetBytes ?? 20 * 1024 * 1024,
    signedUrlTtlSeconds: input.signedUrlTtlSeconds ?? 3600,
  };
  if (input.publicUrl !== undefined) config.publicUrl = input.publicUrl.replace(/\/+$/, '');
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ApiConfigError(`api.port must be an integer 0-65535, not ${config.port}`);
  }
  if (config.signedUrlTtlSeconds <= 0 || config.signedUrlTtlSeconds > maxSignedUrlTtlSeconds) {
    throw new ApiConfigError(`api.signedUrlTtlSeconds must be 1-${maxSignedUrlTtlSeconds}`);
  }
  return config;
}
