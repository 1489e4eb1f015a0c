/**
 * The demo scenario the engine runs by default: answers, greets the caller, offers a short menu, and hangs up.
 * Press 1 to hear the time of day on the engine, 2 to hear your own number; anything else, or nothing within
 * five seconds, ends the call.
 */
const DEMO_VOICE = VoiceList.Default.en_US_Female;

VoxEngine.addEventListener(AppEvents.CallAlerting, ({ call, callerid }) => {
  let menuOffered = false;
  let closing = false;
  let waitTimer: number | undefined;

  const close = (text: string) => {
    closing = true;
    clearTimeout(waitTimer);
    call.handleTones(false);
    call.say(text, { language: DEMO_VOICE });
  };

  call.addEventListener(CallEvents.Connected, () => {
    Logger.write(`demo: answered a call from ${callerid}`);
    call.handleTones(true);
    call.say('Hello, and welcome to callscript.', { language: DEMO_VOICE });
  });

  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (closing) {
      call.hangup();
    } else if (!menuOffered) {
      menuOffered = true;
      call.say('Press 1 to hear the time. Press 2 to hear your number.', { language: DEMO_VOICE });
    } else {
      waitTimer = setTimeout(() => close('Goodbye.'), 5000);
    }
  });

  call.addEventListener(CallEvents.ToneReceived, ({ tone }) => {
    if (closing) return;
    if (tone === '1') {
      const now = new Date();
      close(`It is ${now.getUTCHours()} ${String(now.getUTCMinutes()).padStart(2, '0')} U T C. Goodbye.`);
    } else if (tone === '2') {
      close(`You are calling from ${callerid.split('').join(' ')}. Goodbye.`);
    } else {
      close('Goodbye.');
    }
  });

  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
