import { describe, expect, it } from 'vitest';
import { WorkerInbox, type InboxMessage } from '../../../engine/sandbox/worker-inbox.js';

interface Message extends InboxMessage {
  label: string;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function inboxRecording(): { inbox: WorkerInbox<Message>; handled: string[] } {
  const handled: string[] = [];
  const inbox = new WorkerInbox<Message>(
    (message) => handled.push(message.label),
    () => handled.push('flush'),
  );
  return { inbox, handled };
}

describe('WorkerInbox', () => {
  it("handles running sessions' messages at once, new starts (with their events) in the next check phase", async () => {
    const { inbox, handled } = inboxRecording();
    inbox.receive({ t: 'start', wireId: 2, label: 'start 2' });
    inbox.receive({ t: 'deliver', wireId: 2, label: 'Started for 2' });
    inbox.receive({ t: 'deliver', wireId: 1, label: 'Disconnected for 1' });
    inbox.receive({ t: 'ping', label: 'ping' });
    expect(handled).toEqual(['Disconnected for 1', 'ping']);
    expect(inbox.pendingStarts).toBe(1);
    await turn();
    expect(handled).toEqual(['Disconnected for 1', 'ping', 'start 2', 'Started for 2', 'flush']);
    expect(inbox.pendingStarts).toBe(0);
  });

  it('keeps the arrival order of starts', async () => {
    const { inbox, handled } = inboxRecording();
    for (const wireId of [5, 3, 4]) inbox.receive({ t: 'start', wireId, label: `start ${wireId}` });
    inbox.receive({ t: 'deliver', wireId: 3, label: 'event for 3' });
    await turn();
    expect(handled).toEqual(['start 5', 'start 3', 'event for 3', 'start 4', 'flush']);
  });

  it('never starts a session disposed before its start was handled', async () => {
    const { inbox, handled } = inboxRecording();
    inbox.receive({ t: 'start', wireId: 7, label: 'start 7' });
    inbox.receive({ t: 'deliver', wireId: 7, label: 'Started for 7' });
    inbox.receive({ t: 'dispose', wireId: 7, label: 'dispose 7' });
    await turn();
    expect(handled).toEqual([]);
    inbox.receive({ t: 'deliver', wireId: 7, label: 'late event for 7' });
    expect(handled).toEqual(['late event for 7']);
  });
});
