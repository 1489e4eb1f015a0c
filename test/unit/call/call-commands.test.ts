import { describe, expect, it } from 'vitest';
import { invokeCallMethod, type CallCommandContext } from '../../../engine/call/call-commands.js';
import { defaultCallLimits } from '../../../engine/call/call-context.js';
import type { ArgData } from '../../../engine/call/scenario-arguments.js';
import { CallHarness } from './call-harness.js';

function context(h: CallHarness, other?: CallHarness): CallCommandContext {
  return {
    limits: defaultCallLimits,
    resolveCall: (api, argument, ref) => {
      if (other && ref === other.call.id) return other.call;
      throw new Error(`${api}: argument '${argument}' is not a call of this session`);
    },
  };
}

function run(h: CallHarness, method: string, ...args: ArgData[]): void {
  invokeCallMethod(h.call, method, args, context(h));
}

describe('Call methods from the scenario', () => {
  it('runs every method through to the leg', async () => {
    const h = new CallHarness();
    run(h, 'ring', { 'X-A': '1' });
    run(h, 'startEarlyMedia', {});
    run(h, 'answer', { 'X-B': '2' }, {});
    await h.settle();
    run(h, 'say', 'Hi', { language: 'en-US' });
    run(h, 'startPlayback', 'http://example.com/a.mp3', { loop: true });
    run(h, 'stopPlayback');
    run(h, 'playProgressTone', 'RU');
    run(h, 'record', { stereo: true, lossless: true });
    run(h, 'handleTones', true, 0);
    run(h, 'sendDigits', '1p2#');
    run(h, 'sendInfo', 'application/dtmf-relay', 'Signal=1', { 'X-C': '3' });
    run(h, 'sendMessage', 'hello');
    run(h, 'transferTo', { to: 'sip:bob@example.com', headers: {} });
    run(h, 'handleBlindTransfer', true);
    run(h, 'enableBeepDetection', { frequencies: [440], timeout: 3000 });
    run(h, 'disableBeepDetection');
    run(h, 'handleMicStatus', true);
    run(h, 'monitorMediaStatistics', { interval: 4, monitor: true });
    run(h, 'customData', 'hello');
    expect(h.leg.actions.map((a) => a.op)).toEqual([
      'ring',
      'startEarlyMedia',
      'answer',
      'play',
      'play',
      'stopPlayback',
      'play',
      'startRecording',
      'dtmfDetection',
      'sendDigits',
      'sendInfo',
      'sendMessage',
      'transfer',
      'beepDetection',
      'beepDetection',
      'micStatusDetection',
      'mediaStatistics',
    ]);
    expect(h.leg.actions[7]).toMatchObject({ op: 'startRecording', options: { stereo: true, format: 'wav' } });
    expect(h.leg.actions[4]).toMatchObject({ source: { kind: 'url', url: 'http://example.com/a.mp3', loop: true } });
    expect(h.call.mirror().customData).toBe('hello');
  });

  it('takes the older say(text, voice) form', async () => {
    const h = new CallHarness();
    await h.connect();
    run(h, 'say', 'Hi', 'Amazon.en_US_Joanna');
    expect(h.leg.playing).toEqual({ kind: 'tts', text: 'Hi', options: { language: 'Amazon.en_US_Joanna' } });
  });

  it('reject and decline both reject with the code', () => {
    const h = new CallHarness();
    run(h, 'decline', 486);
    expect(h.leg.actions).toEqual([{ op: 'reject', code: 486, headers: {} }]);
  });

  it('transferTo with another call of the session is an attended transfer', async () => {
    const h = new CallHarness();
    const other = new CallHarness('outgoing');
    await h.connect();
    invokeCallMethod(h.call, 'transferTo', [{ callId: other.call.id, headers: {} }], context(h, other));
    expect(h.leg.actions.at(-1)).toEqual({ op: 'transfer', kind: 'attended', to: 'call:c1', headers: {} });
  });

  it.each<[string, ArgData[], RegExp]>([
    ['reject', ['486'], /Call\.reject: argument 'code' must be an integer/],
    ['reject', [200], /Call\.reject: argument 'code' must be between 300 and 699/],
    ['answer', [{ 'X-Bad': 'a\r\nVia: evil' }], /Call\.answer: argument 'extraHeaders\['X-Bad'\]' must not contain CR or LF/],
    ['answer', [{ 'Bad Name': 'x' }], /argument 'extraHeaders\['Bad Name'\]' is not a valid SIP header name/],
    ['hangup', ['nope'], /Call\.hangup: argument 'extraHeaders' must be an object/],
    ['say', [42], /Call\.say: argument 'text' must be a string, got number 42/],
    ['startPlayback', [null], /Call\.startPlayback: argument 'url' must be a string/],
    ['sendDigits', ['12x'], /Call\.sendDigits: argument 'digits' may hold only/],
    ['sendInfo', ['not a mime', 'b'], /Call\.sendInfo: argument 'mimeType'/],
    ['handleTones', ['yes'], /Call\.handleTones: argument 'doHandle' must be a boolean/],
    ['handleTones', [true, 7], /argument 'supportedDtmfTypes' must be between 0 and 3/],
    ['transferTo', [{}], /Call\.transferTo: argument 'parameters\.to' must be a string/],
    ['monitorMediaStatistics', [{ interval: 1 }], /argument 'parameters\.interval' must be between 3 and 10/],
    ['enableBeepDetection', [{ frequencies: 'x' }], /argument 'parameters\.frequencies' must be an array/],
    ['customData', ['x'.repeat(201)], /Call\.customData: argument 'customData' must be at most 200 bytes, got 201/],
    ['notifyBlindTransferFailed', [486, 7], /argument 'reason' must be a string/],
    ['fly', [], /names no Call method: "fly"/],
  ])('%s(%j) is a scenario error naming the argument', (method, args, message) => {
    const h = new CallHarness();
    expect(() => run(h, method, ...args)).toThrow(message);
  });

  it('counts customData in UTF-8 bytes', () => {
    const h = new CallHarness();
    expect(() => run(h, 'customData', 'é'.repeat(101))).toThrow(/202/);
    run(h, 'customData', 'é'.repeat(100));
  });
});
