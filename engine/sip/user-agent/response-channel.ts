import type { TransactionChannel } from '../transaction/transaction-types.js';
import type { ResponseRoute, TransportLayer } from '../transport/transport-layer.js';

/**
 * How a server transaction sends its responses: to the route RFC 3261 section 18.2.2 chose when the request came
 * in. A class rather than closures because one lives as long as its transaction (up to 64*T1) and thousands do.
 */
export class ResponseChannel implements TransactionChannel {
  constructor(
    private readonly transport: TransportLayer,
    private readonly route: ResponseRoute,
    readonly reliable: boolean,
  ) {}

  send(data: Buffer, onError: (error: Error) => void): void {
    this.transport.sendResponse(this.route, data, (error) => error && onError(error));
  }
}
