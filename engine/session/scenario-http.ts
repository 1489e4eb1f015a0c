/**
 * `Net.httpRequestAsync` / `Net.httpRequest` through the host: the URL's host must be on the configured allow-list,
 * at most 3 requests run at once and 35 in a session (VoxEngine's limits), and the result has VoxEngine's
 * `HttpRequestResult` shape (`code`, `text`, `data`, `headers`, `raw_headers`, `error`). A request refused by a limit
 * or the allow-list resolves with `code: 0` ("VoxEngine limits are violated") rather than failing the session.
 */
import type { Logger } from 'pino';
import type { Data } from './scenario-protocol.js';
import {
  ScenarioArgumentError,
  describe,
  optionalBoolean,
  optionalObject,
  requireInteger,
  requireString,
} from '../call/scenario-arguments.js';
import { HttpFailureCode, HttpRequestFailure, type HttpRequester, type SessionLimits } from './session-types.js';

const api = 'Net.httpRequestAsync';
const methodToken = /^[A-Z]{1,16}$/;

interface ParsedRequest {
  url: URL;
  method: string;
  headers: Array<[string, string]>;
  body?: string;
  timeoutMs: number;
  rawOutput: boolean;
}

export class ScenarioHttp {
  /** Requests whose results the scenario still gets; abandoned ones finish unseen. */
  private readonly live = new Set<number>();
  private running = 0;
  private total = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly requester: HttpRequester,
    private readonly allowHosts: readonly string[],
    private readonly limits: SessionLimits,
    private readonly deliver: (requestId: number, result: Record<string, Data>) => void,
    private readonly log: Logger,
  ) {}

  get activeRequests(): number {
    return this.running;
  }

  request(requestId: unknown, url: unknown, options: unknown): void {
    const id = requireInteger(api, 'requestId', requestId, 1, Number.MAX_SAFE_INTEGER);
    const parsed = this.parse(url, options);
    const refusal = this.refusal(parsed.url);
    if (refusal) {
      this.log.warn({ url: parsed.url.href, refusal }, 'HTTP request refused');
      this.deliver(id, { code: HttpFailureCode.limits, error: refusal, headers: [] });
      return;
    }
    this.running++;
    this.total++;
    this.live.add(id);
    void this.perform(id, parsed);
  }

  /**
   * The session is terminating: requests made before `Terminating` finish unseen, so that `Terminated` waits only
   * for the one request the `Terminating` handler may make.
   */
  abandonActive(): void {
    this.live.clear();
  }

  /** Calls back once no request whose result the scenario awaits is running (at once when none is). */
  whenIdle(callback: () => void): void {
    if (this.live.size === 0) callback();
    else this.idleWaiters.push(callback);
  }

  /** Later results are dropped. Idempotent. */
  close(): void {
    this.closed = true;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private refusal(url: URL): string | undefined {
    const host = url.hostname.toLowerCase();
    if (!this.allowHosts.includes('*') && !this.allowHosts.some((allowed) => allowed.toLowerCase() === host)) {
      return `host ${host} is not in the allow-list`;
    }
    if (this.running >= this.limits.maxActiveHttpRequests) {
      return `at most ${this.limits.maxActiveHttpRequests} HTTP requests may run at once`;
    }
    if (this.total >= this.limits.maxTotalHttpRequests) {
      return `a session may make at most ${this.limits.maxTotalHttpRequests} HTTP requests`;
    }
    return undefined;
  }

  private async perform(id: number, request: ParsedRequest): Promise<void> {
    let result: Record<string, Data>;
    try {
      const response = await this.requester.request({
        url: request.url.href,
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeoutMs: request.timeoutMs,
        maxResponseBytes: this.limits.maxHttpResponseBytes,
      });
      const headers = response.headers.map(([key, value]) => ({ key, value }));
      result = {
        code: response.status,
        headers,
        raw_headers: response.headers.map(([key, value]) => `${key}: ${value}\r\n`).join(''),
        text: response.body.toString('utf8'),
      };
      if (request.rawOutput) result['data'] = [...response.body];
    } catch (error) {
      const code = error instanceof HttpRequestFailure ? error.voxCode : HttpFailureCode.unknown;
      result = { code, error: error instanceof Error ? error.message : String(error), headers: [] };
    }
    this.running--;
    const awaited = this.live.delete(id);
    if (awaited && !this.closed) this.deliver(id, result);
    if (awaited && this.live.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const waiter of waiters) waiter();
    }
  }

  private parse(urlValue: unknown, optionsValue: unknown): ParsedRequest {
    const text = requireString(api, 'url', urlValue, 8192);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new ScenarioArgumentError(api, 'url', `is not a valid URL: ${describe(text)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ScenarioArgumentError(api, 'url', 'must be an http or https URL');
    const options = optionalObject(api, 'options', optionsValue);
    const method = options['method'] === undefined ? 'GET' : requireString(api, 'options.method', options['method'], 16).toUpperCase();
    if (!methodToken.test(method)) throw new ScenarioArgumentError(api, 'options.method', 'is not an HTTP method');
    const params = optionalObject(api, 'options.params', options['params']);
    for (const [key, value] of Object.entries(params)) url.searchParams.append(key, String(value));
    const body = options['postData'] === undefined ? undefined : requireString(api, 'options.postData', options['postData'], 1_000_000);
    // VoxEngine's HttpRequestOptions.timeout is in seconds.
    const timeoutSeconds = options['timeout'];
    let timeoutMs = this.limits.httpTimeoutMs;
    if (timeoutSeconds !== undefined) {
      if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0)) {
        throw new ScenarioArgumentError(api, 'options.timeout', `must be a positive number of seconds, got ${describe(timeoutSeconds)}`);
      }
      timeoutMs = Math.min(timeoutSeconds * 1000, this.limits.httpTimeoutMs);
    }
    return {
      url,
      method,
      headers: parseHeaders(options['headers']),
      body,
      timeoutMs,
      rawOutput: optionalBoolean(api, 'options.rawOutput', options['rawOutput']) ?? false,
    };
  }
}

/** VoxEngine passes headers as `["Name: value", ...]`; an object of name -> value is accepted too. */
function parseHeaders(value: unknown): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  const pairs: Array<[string, string]> = [];
  const add = (name: string, headerValue: string, argument: string) => {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new ScenarioArgumentError(api, argument, 'has an invalid header name');
    if (/[\r\n]/.test(headerValue)) throw new ScenarioArgumentError(api, argument, 'must not contain CR or LF');
    pairs.push([name, headerValue]);
  };
  if (Array.isArray(value)) {
    value.forEach((line, i) => {
      const text = requireString(api, `options.headers[${i}]`, line, 8192);
      const colon = text.indexOf(':');
      if (colon <= 0) throw new ScenarioArgumentError(api, `options.headers[${i}]`, 'must read "Name: value"');
      add(text.slice(0, colon).trim(), text.slice(colon + 1).trim(), `options.headers[${i}]`);
    });
    return pairs;
  }
  for (const [name, headerValue] of Object.entries(optionalObject(api, 'options.headers', value))) {
    add(name, requireString(api, `options.headers['${name}']`, headerValue, 8192), `options.headers['${name}']`);
  }
  return pairs;
}
