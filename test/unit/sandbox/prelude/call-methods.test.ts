import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';

/** Each Call method, its command to the host, and the errors for bad arguments. */
describe('Call methods', () => {
  let h: PreludeHarness;
  beforeEach(() => {
    h = new PreludeHarness();
    h.run(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { globalThis.call = e.call; });`);
    h.alert();
    h.take();
  });
  afterEach(() => h.dispose());

  const method = (name: string, args: unknown[]) => ({ op: 'call.method', callId: 'in-1', method: name, args });

  it.each([
    ['call.answer()', method('answer', [{}, {}])],
    ["call.answer({'X-Tag': 'a'}, {displayName: 'IVR'})", method('answer', [{ 'X-Tag': 'a' }, { displayName: 'IVR' }])],
    ['call.answerDirect(call)', method('answerDirect', ['in-1', {}, {}])],
    ['call.reject(486)', method('reject', [486, {}])],
    ["call.reject(603, {'X-Why': 'spam'})", method('reject', [603, { 'X-Why': 'spam' }])],
    ['call.decline(480)', method('reject', [480, {}])],
    ['call.ring()', method('ring', [{}])],
    ["call.startEarlyMedia({'X-E': '1'})", method('startEarlyMedia', [{ 'X-E': '1' }])],
    ['call.hangup()', method('hangup', [{}])],
    ["call.say('Hello')", method('say', ['Hello', {}])],
    ["call.say('Hi', {language: VoiceList.Google.en_US_Standard_C})", method('say', ['Hi', { language: { provider: 'Google', name: 'en_US_Standard_C', language: 'en-US', gender: 'female' } }])],
    ["call.say('Hi', Language.US_ENGLISH_FEMALE)", method('say', ['Hi', { language: { provider: 'Language', name: 'US_ENGLISH_FEMALE', language: 'en-US', gender: 'female' } }])],
    ["call.startPlayback('http://x/a.mp3', {loop: true})", method('startPlayback', ['http://x/a.mp3', { loop: true }])],
    ['call.stopPlayback()', method('stopPlayback', [])],
    ["call.playProgressTone('US')", method('playProgressTone', ['US'])],
    ['call.record({stereo: true})', method('record', [{ stereo: true }])],
    ['call.handleTones(true)', method('handleTones', [true, 0])],
    ['call.handleTones(false, DTMFType.SIP_INFO)', method('handleTones', [false, 3])],
    ["call.sendDigits('12#*p9')", method('sendDigits', ['12#*p9'])],
    ["call.sendInfo('application/dtmf-relay', 'Signal=5', {'X-I': '1'})", method('sendInfo', ['application/dtmf-relay', 'Signal=5', { 'X-I': '1' }])],
    ["call.sendMessage('hello')", method('sendMessage', ['hello'])],
    ["call.transferTo({to: 'sip:bob@example.org', headers: {'X-T': '1'}})", method('transferTo', [{ headers: { 'X-T': '1' }, to: 'sip:bob@example.org' }])],
    ['call.transferTo({call})', method('transferTo', [{ headers: {}, callId: 'in-1' }])],
    ['call.handleBlindTransfer(true)', method('handleBlindTransfer', [true])],
    ['call.notifyBlindTransferSuccess()', method('notifyBlindTransferSuccess', [])],
    ["call.notifyBlindTransferFailed(486, 'Busy')", method('notifyBlindTransferFailed', [486, 'Busy'])],
    ['call.enableBeepDetection({frequencies: [1000], timeout: 5000})', method('enableBeepDetection', [{ frequencies: [1000], timeout: 5000 }])],
    ['call.disableBeepDetection()', method('disableBeepDetection', [])],
    ['call.handleMicStatus(true)', method('handleMicStatus', [true])],
    ['call.monitorMediaStatistics({interval: 5, monitor: true})', method('monitorMediaStatistics', [{ interval: 5, monitor: true }])],
    ["call.customData('order=42')", method('customData', ['order=42'])],
  ])('%s sends its command', (code, command) => {
    h.run(code);
    expect(h.take()).toEqual([command]);
  });

  it('sendMediaTo and stopMediaTo route media to another unit', () => {
    h.run(`const other = VoxEngine.callSIP('sip:b@example.org'); call.sendMediaTo(other); call.stopMediaTo(other);`);
    const [, send, stop] = h.take();
    expect(send).toEqual({ op: 'media.send', from: { kind: 'call', id: 'in-1' }, to: { kind: 'call', id: 'guest-call-1' } });
    expect(stop).toEqual({ op: 'media.stop', from: { kind: 'call', id: 'in-1' }, to: { kind: 'call', id: 'guest-call-1' } });
  });

  it('getters read the mirror synchronously', () => {
    expect(h.value(`[call.id(), call.state(), call.incoming(), call.callerid(), call.displayName(), call.number(), call.clientType(), call.customData(), call.vad()]`))
      .toEqual(['in-1', 'ALERTING', true, '+15550100', 'Alice', '+15550199', 'sip', '', false]);
    expect(h.value('call.toString()')).toBe('Call in-1 (incoming +15550100 -> +15550199, ALERTING)');
  });

  it('customData set by the scenario is read back at once', () => {
    h.run(`call.customData('x=1')`);
    expect(h.value('call.customData()')).toBe('x=1');
  });

  it.each([
    ["call.answer('x')", 'Call.answer: extraHeaders must be an object'],
    ["call.answer({}, 5)", 'Call.answer: parameters must be an object'],
    ["call.answer({'X-A': {}})", 'Call.answer: extraHeaders.X-A must be a string'],
    ['call.reject()', 'Call.reject: code must be an integer from 300 to 699'],
    ['call.reject(200)', 'Call.reject: code must be an integer from 300 to 699'],
    ['call.hangup([])', 'Call.hangup: extraHeaders must be an object'],
    ['call.say(42)', 'Call.say: text must be a string'],
    ["call.say('x', {language: () => 1})", 'Call.say: parameters.language must be plain data'],
    ['call.startPlayback()', 'Call.startPlayback: url must be a string'],
    ['call.playProgressTone(1)', 'Call.playProgressTone: country must be a string'],
    ["call.handleTones('yes')", 'Call.handleTones: doHandle must be a boolean'],
    ['call.handleTones(true, 9)', 'Call.handleTones: supportedDtmfTypes must be an integer from 0 to 3'],
    ["call.sendDigits('12x')", 'Call.sendDigits: digits may contain only 0-9, *, #, A-D and p'],
    ["call.sendInfo('text/plain')", 'Call.sendInfo: body must be a string'],
    ["call.sendMessage('x'.repeat(9000))", 'Call.sendMessage: text must be at most 8192 bytes'],
    ['call.transferTo({})', 'Call.transferTo: parameters.to must be a string'],
    ["call.transferTo({call: 'x'})", 'Call.transferTo: parameters.call must be a Call'],
    ['call.handleBlindTransfer(1)', 'Call.handleBlindTransfer: handle must be a boolean'],
    ['call.notifyBlindTransferFailed(486)', 'Call.notifyBlindTransferFailed: reason must be a string'],
    ['call.handleMicStatus()', 'Call.handleMicStatus: handle must be a boolean'],
    ['call.monitorMediaStatistics({interval: 1})', 'Call.monitorMediaStatistics: parameters.interval must be an integer from 3 to 10'],
    ["call.customData('x'.repeat(201))", 'Call.customData: customData must be at most 200 bytes'],
    ['call.sendMediaTo({})', 'Call.sendMediaTo: mediaUnit must be a Call, Player or Recorder'],
    ['call.answerDirect({})', 'Call.answerDirect: peerCall must be a Call'],
  ])('%s throws an error naming the argument', (code, message) => {
    expect(() => h.run(code)).toThrow(message);
    expect(h.take()).toEqual([]);
  });
});
