import type {
  HttpRequestEvent,
  LiveSession,
  SessionObserver,
  SessionPort,
  SessionStartRequest,
} from '../../../engine/api/session-port.js';

interface FakeSession {
  request: SessionStartRequest;
  observer: SessionObserver;
  live: LiveSession;
  httpRequests: HttpRequestEvent[];
}

/** A session port that runs nothing: it remembers what it was asked and ends sessions when told. */
export class FakeSessionPort implements SessionPort {
  readonly sessions = new Map<string, FakeSession>();
  failNextStart: Error | undefined;

  async start(request: SessionStartRequest, observer: SessionObserver): Promise<void> {
    if (this.failNextStart) {
      const error = this.failNextStart;
      this.failNextStart = undefined;
      throw error;
    }
    this.sessions.set(request.sessionId, {
      request,
      observer,
      live: { id: request.sessionId, status: 'running', calls: [], log: [`started with ${request.customData}`] },
      httpRequests: [],
    });
  }

  find(sessionId: string): LiveSession | undefined {
    return this.sessions.get(sessionId)?.live;
  }

  activeCount(): number {
    return this.sessions.size;
  }

  async terminate(sessionId: string): Promise<void> {
    this.end(sessionId, 'ended', 'terminated through the API');
  }

  deliverHttpRequest(sessionId: string, request: HttpRequestEvent): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    session.httpRequests.push(request);
    return true;
  }

  /** Ends a session as the engine would, reporting to the API's observer. */
  end(sessionId: string, status: 'ended' | 'failed', reason: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    session.observer.ended({ status, reason, log: [...session.live.log, 'ended'] });
  }
}
