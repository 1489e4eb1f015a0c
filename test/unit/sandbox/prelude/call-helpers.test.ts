import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioCommand } from '../../../../engine/session/scenario-protocol.js';
import { PreludeHarness } from './prelude-harness.js';

const callMethods = (commands: ScenarioCommand[]) =>
  commands.flatMap((c) => (c.op === 'call.method' ? [`${c.callId}.${c.method}`] : c.op === 'terminate' ? ['terminate'] : []));

describe('VoxEngine call helpers', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
  });
  afterEach(() => h.dispose());

  it('forwardCallToSIP dials the dialled URI, rings, answers and joins media on Connected', () => {
    h.run(`VoxEngine.forwardCallToSIP((a, b) => { globalThis.established = [a.id(), b.id()]; });`);
    h.alert({}, { toURI: 'sip:bob@127.0.0.1:5070' });
    expect(h.take()).toEqual([{
      op: 'call.create', callId: 'guest-call-1', kind: 'sip', to: 'sip:bob@127.0.0.1:5070', callerid: '+15550100',
      params: { callerid: '+15550100', displayName: 'Alice', video: false, headers: {} },
    }]);
    h.deliver({ type: 'call', callId: 'guest-call-1', event: 'Call.Ringing', payload: {} });
    h.deliver({ type: 'call', callId: 'guest-call-1', event: 'Call.Connected', payload: {}, mirror: { state: 'CONNECTED' } });
    const commands = h.take();
    expect(callMethods(commands)).toEqual(['in-1.ring', 'in-1.answer']);
    expect(commands.filter((c) => c.op === 'media.send')).toHaveLength(2);
    expect(h.value('established')).toEqual(['in-1', 'guest-call-1']);
  });

  it('easyProcess rejects the caller with the callee failure code', () => {
    h.run(`VoxEngine.forwardCallToSIP();`);
    h.alert({}, { toURI: 'sip:bob@h' });
    h.take();
    h.deliver({ type: 'call', callId: 'guest-call-1', event: 'Call.Failed', payload: { code: 486, reason: 'Busy Here' } });
    expect(h.take()).toEqual([{ op: 'call.method', callId: 'in-1', method: 'reject', args: [486, {}] }]);
  });

  it('easyProcess hangs up the other leg and terminates when one side hangs up', () => {
    h.run(`VoxEngine.forwardCallToSIP();`);
    h.alert({}, { toURI: 'sip:bob@h' });
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Disconnected', payload: {} });
    expect(callMethods(h.take())).toEqual(['guest-call-1.hangup', 'terminate']);
  });

  it('forwardCallToPSTN transforms the dialled number and uses the configured caller id', () => {
    h.run(`VoxEngine.forwardCallToPSTN((n) => '+1' + n, undefined, { callerid: '+15550000' });`);
    h.alert({ number: '5550123' });
    expect(h.take()).toEqual([{ op: 'call.create', callId: 'guest-call-1', kind: 'pstn', to: '+15550123', callerid: '+15550000', params: {} }]);
  });

  it('playSoundAndHangup answers, plays on Connected, hangs up when finished, and ends with the call', () => {
    h.run(`VoxEngine.playSoundAndHangup('http://127.0.0.1/bye.mp3');`);
    h.alert();
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Connected', payload: {} });
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.PlaybackFinished', payload: {} });
    h.deliver({ type: 'call', callId: 'in-1', event: 'Call.Disconnected', payload: {} });
    const commands = h.take();
    expect(callMethods(commands)).toEqual(['in-1.answer', 'in-1.startPlayback', 'in-1.hangup', 'terminate']);
    expect(commands[1]).toEqual({ op: 'call.method', callId: 'in-1', method: 'startPlayback', args: ['http://127.0.0.1/bye.mp3', {}] });
  });

  it.each([
    ['VoxEngine.easyProcess({}, {})', 'VoxEngine.easyProcess: call1 must be a Call'],
    ["VoxEngine.forwardCallToSIP('x')", 'VoxEngine.forwardCallToSIP: onEstablishedCallback must be a function'],
    ['VoxEngine.playSoundAndHangup()', 'VoxEngine.playSoundAndHangup: fileURL must be a string'],
  ])('%s throws an error naming the argument', (code, message) => {
    expect(() => h.run(code)).toThrow(message);
  });
});
