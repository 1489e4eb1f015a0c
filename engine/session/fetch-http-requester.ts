/**
 * The production {@link HttpRequester}: Node's `fetch`, with the scenario's timeout and a cap on the response size,
 * and failures mapped onto VoxEngine's negative `HttpRequestResult.code` values.
 */
import { HttpFailureCode, HttpRequestFailure, type HttpRequest, type HttpRequester, type HttpResponse } from './session-types.js';

export class FetchHttpRequester implements HttpRequester {
  async request(request: HttpRequest): Promise<HttpResponse> {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'follow',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      throw mapFetchError(error);
    }
    const body = await readCapped(response, request.maxResponseBytes);
    return { status: response.status, headers: [...response.headers.entries()], body };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  try {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new HttpRequestFailure(HttpFailureCode.tooLarge, `response is larger than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    throw error instanceof HttpRequestFailure ? error : mapFetchError(error);
  }
  return Buffer.concat(chunks);
}

function mapFetchError(error: unknown): HttpRequestFailure {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new HttpRequestFailure(HttpFailureCode.timeout, 'request timed out');
  const code = err.cause?.code;
  const message = err.cause?.message ?? err.message ?? 'request failed';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpRequestFailure(HttpFailureCode.hostNotFound, message);
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return new HttpRequestFailure(HttpFailureCode.connection, message);
  if (/redirect/i.test(message)) return new HttpRequestFailure(HttpFailureCode.tooManyRedirects, message);
  return new HttpRequestFailure(HttpFailureCode.network, message);
}
