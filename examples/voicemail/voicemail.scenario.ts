/**
 * Voicemail: answers, plays the greeting and a beep, then records the caller (up to two minutes, or until they
 * press # or hang up). The recording's URL is written to the session log and posted to the web hook named in the
 * session's custom data, if any.
 */
const MAX_MESSAGE_MS = 120_000;

VoxEngine.addEventListener(AppEvents.CallAlerting, ({ call, callerid }) => {
  let recording = false;
  let recordingUrl = '';

  call.addEventListener(CallEvents.Connected, () => {
    call.say('You have reached Alex. Please leave a message after the tone, and press pound when you are done.', {
      language: VoiceList.Google.en_US_Standard_C,
    });
  });

  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (recording) return;
    const beep = VoxEngine.createToneScriptPlayer('1000@-10;0.4(0.4/0/1)');
    beep.sendMediaTo(call);
    beep.addEventListener(PlayerEvents.PlaybackFinished, () => {
      recording = true;
      call.handleTones(true);
      call.record({ stereo: false });
      setTimeout(() => call.hangup(), MAX_MESSAGE_MS);
    });
  });

  call.addEventListener(CallEvents.RecordStarted, (event) => {
    recordingUrl = event.url;
    Logger.write(`voicemail from ${callerid}: ${recordingUrl}`);
  });

  call.addEventListener(CallEvents.ToneReceived, (event) => {
    if (event.tone === '#') call.hangup();
  });

  call.addEventListener(CallEvents.Disconnected, async () => {
    const hook = VoxEngine.customData();
    if (recordingUrl && hook.startsWith('http')) {
      await Net.httpRequestAsync(hook, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        postData: JSON.stringify({ from: callerid, url: recordingUrl }),
      });
    }
    VoxEngine.terminate();
  });

  call.answer();
});
