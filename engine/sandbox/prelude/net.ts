/**
 * `Net.httpRequestAsync` and `Net.httpRequest`: the request goes to the host (which applies its allow-list and
 * VoxEngine's limits of 3 active and 35 total requests) and comes back as an `http.result` event carrying VoxEngine's
 * `HttpRequestResult` (`code`, `headers`, `raw_headers`, `text`, `data`, `error`).
 */
import { optionalParameters, requireFunction, requireString } from './argument-checks.js';
import { sendCommand } from './bridge.js';
import { watchResult } from './rejection-reporter.js';

type ResultHandler = (result: Record<string, unknown>) => void;

const pending = new Map<number, ResultHandler>();
let nextRequestId = 1;

function request(method: string, url: unknown, options: unknown, onResult: ResultHandler): void {
  requireString(method, 'url', url);
  const requestId = nextRequestId++;
  const copied = optionalParameters(method, 'options', options);
  pending.set(requestId, onResult);
  sendCommand({ op: 'http.request', requestId, url: url as string, options: copied });
}

function httpRequestAsync(url: string, options?: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    try {
      request('Net.httpRequestAsync', url, options, resolve);
    } catch (error) {
      reject(error);
    }
  });
}

function httpRequest(url: string, callback: (result: object) => unknown, options?: object): void {
  const method = 'Net.httpRequest';
  const fn = requireFunction<(result: object) => unknown>(method, 'callback', callback);
  request(method, url, options, (result) => watchResult(fn(result)));
}

export const Net = Object.freeze({ httpRequestAsync, httpRequest });

export function deliverHttpResult(requestId: number, result: Record<string, unknown>): void {
  const onResult = pending.get(requestId);
  if (!onResult) return;
  pending.delete(requestId);
  onResult(result);
}
