import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportLayer } from '../../../../engine/sip/transport/transport-layer.js';
import type { MessageSource } from '../../../../engine/sip/transport/transport-types.js';

const options = (text: string): Buffer =>
  Buffer.from(`OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nCall-ID: ${text}\r\nContent-Length: 0\r\n\r\n`);

describe('TransportLayer', () => {
  const layers: TransportLayer[] = [];
  afterEach(() => {
    for (const layer of layers.splice(0)) layer.close();
  });

  async function start(received: { data: string; source: MessageSource }[], limits = {}): Promise<TransportLayer> {
    const layer = await TransportLayer.start(
      { listen: [{ protocol: 'udp', host: '127.0.0.1', port: 0 }, { protocol: 'tcp', host: '127.0.0.1', port: 0 }], limits },
      { onMessage: (data, source) => received.push({ data: data.toString(), source }) },
    );
    layers.push(layer);
    return layer;
  }

  it('frames pipelined messages on TCP and reuses the connection for answers and new requests', async () => {
    const atServer: { data: string; source: MessageSource }[] = [];
    const atClient: { data: string; source: MessageSource }[] = [];
    const server = await start(atServer);
    const client = await start(atClient);
    const target = { protocol: 'tcp' as const, host: '127.0.0.1', port: server.localTarget('tcp').port };
    client.send(target, Buffer.concat([options('one'), options('two')]));
    client.send(target, options('three'));
    await expect.poll(() => atServer.length).toBe(3);
    expect(atServer.map((m) => /Call-ID: (\w+)/.exec(m.data)![1])).toEqual(['one', 'two', 'three']);
    expect(new Set(atServer.map((m) => m.source.connectionId)).size).toBe(1);
    server.sendResponse({ ...atServer[0]!.source, host: atServer[0]!.source.remoteAddress, port: atServer[0]!.source.remotePort }, options('back'));
    await expect.poll(() => atClient.length).toBe(1);
    expect(client.openConnections).toBe(1);
    expect(server.openConnections).toBe(1);
  });

  it('answers a CRLFCRLF keep-alive with CRLF (RFC 5626 4.4.1)', async () => {
    const server = await start([]);
    const socket = connect(server.localTarget('tcp').port, '127.0.0.1');
    const pong = await new Promise<string>((resolve) => {
      socket.once('connect', () => socket.write('\r\n\r\n'));
      socket.once('data', (data) => resolve(data.toString()));
    });
    expect(pong).toBe('\r\n');
    socket.destroy();
  });

  it('closes a connection that stays idle past the limit', async () => {
    const server = await start([], { idleTimeoutMs: 100 });
    const socket = connect(server.localTarget('tcp').port, '127.0.0.1');
    await new Promise((resolve) => socket.once('close', resolve));
    await expect.poll(() => server.openConnections).toBe(0);
  });

  it('reports a send to a closed port as a connect failure', async () => {
    const layer = await start([]);
    const error = await new Promise<Error | undefined>((resolve) => layer.send({ protocol: 'tcp', host: '127.0.0.1', port: 1 }, options('x'), resolve));
    expect(error).toMatchObject({ code: 'connect-failed' });
  });

  it('refuses to start on a port already taken, with a listen-failed error', async () => {
    const first = await start([]);
    const port = first.localTarget('tcp').port;
    await expect(
      TransportLayer.start({ listen: [{ protocol: 'tcp', host: '127.0.0.1', port }] }, { onMessage: () => undefined }),
    ).rejects.toMatchObject({ code: 'listen-failed' });
  });

  it('closes idempotently', async () => {
    const layer = await start([]);
    layer.close();
    layer.close();
    const error = await new Promise<Error | undefined>((resolve) => layer.send({ protocol: 'udp', host: '127.0.0.1', port: 9 }, options('x'), resolve));
    expect(error).toMatchObject({ code: 'closed' });
  });
});
