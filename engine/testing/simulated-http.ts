/**
 * The test kit's stand-in for the network behind `Net.httpRequestAsync`: a test declares responses by URL (exact
 * string, prefix ending in `*`, or RegExp) and reads the requests the scenario made. A request nothing matches gets
 * a 404.
 */
import { HttpRequestFailure, type HttpRequest, type HttpRequester, type HttpResponse } from '../session/session-types.js';

export interface SimulatedHttpResponse {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Fail without a response, with one of VoxEngine's negative codes (e.g. -7 timeout). */
  failWithCode?: number;
}

type Responder = SimulatedHttpResponse | ((request: HttpRequest) => SimulatedHttpResponse);

export class SimulatedHttp implements HttpRequester {
  readonly requests: HttpRequest[] = [];
  private readonly routes: Array<{ match: string | RegExp; respond: Responder }> = [];

  /** Answers requests whose URL matches `match`; later declarations win. */
  on(match: string | RegExp, respond: Responder): this {
    this.routes.unshift({ match, respond });
    return this;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const route = this.routes.find(({ match }) => matches(match, request.url));
    const response = route ? (typeof route.respond === 'function' ? route.respond(request) : route.respond) : { status: 404, body: '' };
    if (response.failWithCode !== undefined) throw new HttpRequestFailure(response.failWithCode, 'simulated failure');
    return {
      status: response.status ?? 200,
      headers: Object.entries(response.headers ?? {}),
      body: Buffer.from(response.body ?? '', 'utf8'),
    };
  }
}

function matches(match: string | RegExp, url: string): boolean {
  if (match instanceof RegExp) return match.test(url);
  return match.endsWith('*') ? url.startsWith(match.slice(0, -1)) : url === match;
}
