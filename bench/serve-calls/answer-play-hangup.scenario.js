// The load scenario of bench/serve-calls.ts: answer, play one second of audio, hang up.
VoxEngine.addEventListener(AppEvents.CallAlerting, ({ call }) => {
  // one-second.wav lies in the serve process's working directory (the bench writes it there with sox).
  call.addEventListener(CallEvents.Connected, () => call.startPlayback('one-second.wav'));
  call.addEventListener(CallEvents.PlaybackFinished, () => call.hangup());
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.addEventListener(CallEvents.Failed, () => VoxEngine.terminate());
  call.answer();
});
