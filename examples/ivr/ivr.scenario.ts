/**
 * An IVR with a DTMF menu: 1 hears the opening hours, 2 is connected to sales, 0 hears the menu again.
 * Without a choice the menu is offered three times, then the call ends politely.
 */
const SALES_URI = 'sip:sales@127.0.0.1:5070';
const VOICE = VoiceList.Amazon.en_US_Joanna;
const WELCOME = 'Welcome to Example Corp.';
const MENU = 'For our opening hours, press 1. To talk to sales, press 2. To hear this menu again, press 0.';
const HOURS = 'We are open Monday to Friday, nine to five. Goodbye.';
const NO_INPUT_MS = 8000;
const MAX_MENUS = 3;

/** What the caller is hearing, which decides what happens when it ends. */
type Stage = 'welcome' | 'menu' | 'closing' | 'sales';

VoxEngine.addEventListener(AppEvents.CallAlerting, ({ call }) => {
  let stage: Stage = 'welcome';
  let menus = 0;
  let noInputTimer: number | undefined;

  const say = (next: Stage, text: string) => {
    stage = next;
    clearTimeout(noInputTimer);
    call.say(text, { language: VOICE });
  };
  const offerMenu = () => {
    menus++;
    say('menu', MENU);
  };
  const close = (text: string) => {
    call.handleTones(false);
    say('closing', text);
  };

  call.addEventListener(CallEvents.Connected, () => {
    call.handleTones(true);
    say('welcome', WELCOME);
  });

  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (stage === 'welcome') offerMenu();
    else if (stage === 'closing') call.hangup();
    else if (stage === 'menu') {
      noInputTimer = setTimeout(() => {
        if (menus < MAX_MENUS) offerMenu();
        else close('We did not receive your choice. Goodbye.');
      }, NO_INPUT_MS);
    }
  });

  call.addEventListener(CallEvents.ToneReceived, (event) => {
    if (stage === 'closing' || stage === 'sales') return;
    if (event.tone === '1') close(HOURS);
    else if (event.tone === '2') {
      stage = 'sales';
      clearTimeout(noInputTimer);
      connectToSales(call, () => close('Sales is not available right now. Goodbye.'));
    } else if (event.tone === '0') {
      call.stopPlayback();
      offerMenu();
    } else say('menu', `Sorry, ${event.tone} is not an option. ${MENU}`);
  });

  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});

/** Dials sales and joins the two calls once sales answers; `onUnavailable` runs if sales cannot be reached. */
function connectToSales(caller: Call, onUnavailable: () => void): void {
  caller.handleTones(false);
  caller.startPlayback('http://127.0.0.1:8080/assets/hold-music.mp3', { loop: true });
  const sales = VoxEngine.callSIP(SALES_URI, { callerid: caller.callerid(), displayName: caller.displayName() });
  sales.addEventListener(CallEvents.Connected, () => {
    caller.stopPlayback();
    VoxEngine.sendMediaBetween(caller, sales);
  });
  sales.addEventListener(CallEvents.Failed, () => {
    caller.stopPlayback();
    onUnavailable();
  });
  sales.addEventListener(CallEvents.Disconnected, () => caller.hangup());
  caller.addEventListener(CallEvents.Disconnected, () => sales.hangup());
}
