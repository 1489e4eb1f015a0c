/**
 * An outbound notification call, started by the management API with custom data such as
 * `{"to": "sip:+15550123@127.0.0.1:5070", "text": "Your order 42 has shipped."}`.
 * The message is said twice once the callee answers, then the call ends. The outcome is logged.
 */
interface Notification {
  to: string;
  text: string;
  callerid?: string;
}

function readNotification(): Notification | undefined {
  try {
    const data = JSON.parse(VoxEngine.customData()) as Partial<Notification>;
    return typeof data.to === 'string' && typeof data.text === 'string' ? (data as Notification) : undefined;
  } catch {
    return undefined;
  }
}

VoxEngine.addEventListener(AppEvents.Started, () => {
  const notification = readNotification();
  if (!notification) {
    Logger.write(`notification: bad custom data ${JSON.stringify(VoxEngine.customData())}`);
    VoxEngine.terminate();
    return;
  }

  const call = notification.to.startsWith('sip:')
    ? VoxEngine.callSIP(notification.to, { callerid: notification.callerid ?? 'callscript' })
    : VoxEngine.callPSTN(notification.to, notification.callerid ?? '+15550100');
  let repeats = 0;

  call.addEventListener(CallEvents.Connected, () => {
    Logger.write(`notification: ${notification.to} answered`);
    call.say(notification.text, { language: VoiceList.Default.en_US_Female });
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    repeats++;
    if (repeats < 2) call.say(`Again: ${notification.text}`, { language: VoiceList.Default.en_US_Female });
    else call.hangup();
  });
  call.addEventListener(CallEvents.Failed, (event) => {
    Logger.write(`notification: ${notification.to} failed with ${event.code} ${event.reason}`);
    VoxEngine.terminate();
  });
  call.addEventListener(CallEvents.Disconnected, () => {
    Logger.write(`notification: delivered to ${notification.to}`);
    VoxEngine.terminate();
  });
});
