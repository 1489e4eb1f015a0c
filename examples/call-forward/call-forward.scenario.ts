/**
 * Call forwarding: rings the primary desk phone; if it fails (busy, no answer, unreachable) rings the backup; if
 * that fails too, the caller is rejected with the backup's status code. Once a callee answers, the caller is
 * answered and the two are joined; either side hanging up ends the session.
 */
const PRIMARY = 'sip:desk@127.0.0.1:5070';
const BACKUP = 'sip:mobile@127.0.0.1:5072';

VoxEngine.addEventListener(AppEvents.CallAlerting, ({ call: caller, callerid, displayName }) => {
  const dial = (uri: string, onFailed: (code: number) => void) => {
    const callee = VoxEngine.callSIP(uri, { callerid, displayName, headers: { 'X-Forwarded-For': callerid } });
    callee.addEventListener(CallEvents.Ringing, () => caller.ring());
    callee.addEventListener(CallEvents.Connected, () => {
      caller.answer();
      VoxEngine.sendMediaBetween(caller, callee);
    });
    callee.addEventListener(CallEvents.Failed, (event) => onFailed(event.code));
    callee.addEventListener(CallEvents.Disconnected, () => {
      caller.hangup();
      VoxEngine.terminate();
    });
    caller.addEventListener(CallEvents.Disconnected, () => {
      callee.hangup();
      VoxEngine.terminate();
    });
  };

  dial(PRIMARY, (primaryCode) => {
    Logger.write(`primary failed with ${primaryCode}, trying the backup`);
    dial(BACKUP, (backupCode) => caller.reject(backupCode >= 300 && backupCode < 700 ? backupCode : 480));
  });
});
