import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioSource, type ScenarioKit } from '../../../engine/testing/index.js';

// Every Call method from a real scenario, through the real prelude and the host's checks, down to the leg: this keeps
// the argument conventions of both sides of the sandbox bridge in step.
const everyMethod = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  call.ring({ 'X-Ring': '1' });
  call.startEarlyMedia({ 'X-Early': '1' });
  call.playProgressTone('US');
  call.addEventListener(CallEvents.Connected, () => {
    call.say('Hello', { voice: VoiceList.Amazon.en_US_Joanna, ttsOptions: { rate: 'slow' } });
    call.say('Old form', Language.US_ENGLISH_FEMALE);
    call.startPlayback('http://example.com/a.mp3', { loop: true });
    call.stopPlayback();
    call.record({ stereo: true });
    call.handleTones(true, DTMFType.SIP_INFO);
    call.sendDigits('12#');
    call.sendInfo('application/json', '{"a":1}', { 'X-Info': '1' });
    call.sendMessage('hi');
    call.handleBlindTransfer(true);
    call.enableBeepDetection({ frequencies: [1000], timeout: 5000 });
    call.disableBeepDetection();
    call.handleMicStatus(true);
    call.monitorMediaStatistics({ interval: 5, monitor: true });
    call.customData('cd-1');
    Logger.write('customData=' + call.customData() + ' state=' + call.state() + ' incoming=' + call.incoming() + ' number=' + call.number() + ' callerid=' + call.callerid());
    const other = VoxEngine.callSIP('sip:bob@example.com', { callerid: '+1000', displayName: 'Desk' });
    other.addEventListener(CallEvents.Connected, () => {
      call.transferTo({ call: other, headers: { 'X-T': '1' } });
      other.transferTo({ to: 'sip:carol@example.com' });
    });
  });
  call.addEventListener(CallEvents.BlindTransferRequested, () => call.notifyBlindTransferFailed(486, 'Busy'));
  call.addEventListener(CallEvents.ToneReceived, (t) => Logger.write('tone ' + t.tone + ' type ' + t.type + ' id ' + (t.id === call.id())));
  call.answer({ 'X-Answer': '1' });
});
`;

describe('every Call method through the sandbox', () => {
  let kit: ScenarioKit | undefined;
  afterEach(() => kit?.close());

  it('reaches the leg with the arguments the scenario gave', async () => {
    kit = await loadScenarioSource(everyMethod);
    const call = kit.incomingCall({ callerid: '+15550100', destination: '100' });
    await kit.flush();
    expect(kit.failure).toBeUndefined();
    const ops = call.actions.map((a) => a.op);
    expect(ops).toEqual([
      'ring',
      'startEarlyMedia',
      'play',
      'answer',
      'play',
      'play',
      'play',
      'stopPlayback',
      'startRecording',
      'dtmfDetection',
      'sendDigits',
      'sendInfo',
      'sendMessage',
      'beepDetection',
      'beepDetection',
      'micStatusDetection',
      'mediaStatistics',
    ]);
    expect(call.actions[0]).toEqual({ op: 'ring', headers: { 'X-Ring': '1' } });
    expect(call.actions[3]).toEqual({ op: 'answer', headers: { 'X-Answer': '1' } });
    expect(call.progressTones).toEqual(['US']);
    expect(call.said.map((s) => s.text)).toEqual(['Hello', 'Old form']);
    expect(call.said[0]!.options).toMatchObject({ voice: { provider: 'Amazon', name: 'en_US_Joanna' }, ttsOptions: { rate: 'slow' } });
    expect(call.said[1]!.options['language']).toMatchObject({ language: 'en-US' });
    expect(call.played).toEqual(['http://example.com/a.mp3']);
    expect(call.recordings[0]).toMatchObject({ stereo: true, format: 'mp3' });
    expect(call.actions[9]).toEqual({ op: 'dtmfDetection', enabled: true, types: [3] });
    expect(call.digitsSent).toBe('12#');
    expect(call.infosSent).toEqual([{ mimeType: 'application/json', body: '{"a":1}', headers: { 'X-Info': '1' } }]);
    expect(call.messagesSent).toEqual(['hi']);
    expect(kit.logs[0]).toBe('customData=cd-1 state=CONNECTED incoming=true number=100 callerid=+15550100');

    call.pressDigit('7', 'rfc2833');
    call.pressDigit('8', 'sipinfo');
    call.refer('sip:dave@example.com');
    await kit.flush();
    expect(kit.logs.slice(1)).toEqual(['tone 8 type 3 id true']);
    expect(call.blindTransferNotifications).toEqual([{ ok: false, code: 486, reason: 'Busy' }]);

    const other = kit.nextOutgoingCall();
    expect(other.dialed).toMatchObject({ to: 'sip:bob@example.com', callerid: '+1000', displayName: 'Desk' });
    other.answer();
    await kit.flush();
    expect(call.transfers).toEqual([{ kind: 'attended', to: `call:${other.id}`, headers: { 'X-T': '1' } }]);
    expect(other.transfers).toEqual([{ kind: 'blind', to: 'sip:carol@example.com', headers: {} }]);
    expect(kit.failure).toBeUndefined();
  });

  it('reject, decline and hangup reach the leg with their codes and headers', async () => {
    kit = await loadScenarioSource(`
      let n = 0;
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        n++;
        if (n === 1) e.call.reject(486, { 'X-Why': 'busy' });
        if (n === 2) e.call.decline(603);
        if (n === 3) e.call.hangup({ 'X-Bye': '1' });
      });
    `);
    const [a, b, c] = [1, 2, 3].map(() => kit!.incomingCall({ callerid: '1', destination: '2' }));
    await kit.flush();
    expect(a!.rejected).toEqual({ code: 486, headers: { 'X-Why': 'busy' } });
    expect(b!.rejectedCode).toBe(603);
    expect(c!.rejected).toEqual({ code: 603, headers: { 'X-Bye': '1' } });
    expect(kit.eventNames(a!.id)).toEqual(['Application.CallAlerting', 'Call.Disconnected', 'Call.StateChanged']);
  });
});
