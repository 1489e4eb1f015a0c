/**
 * A typed emitter for media objects with several listeners (players, recorders), mediasoup style: each event has one
 * payload object, and a throwing listener cannot corrupt the emitter or stop the other listeners; its error goes to
 * `onListenerError`. Never used on the per-frame path.
 */
export class MediaEventEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Array<(payload: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void = () => undefined) {}

  on<Name extends keyof Events>(event: Name, listener: (payload: Events[Name]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }

  off<Name extends keyof Events>(event: Name, listener: (payload: Events[Name]) => void): this {
    const list = this.listeners.get(event);
    const index = list?.indexOf(listener) ?? -1;
    if (index >= 0) list!.splice(index, 1);
    return this;
  }

  once<Name extends keyof Events>(event: Name, listener: (payload: Events[Name]) => void): this {
    const wrapper = (payload: Events[Name]): void => {
      this.off(event, wrapper);
      listener(payload);
    };
    return this.on(event, wrapper);
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }

  protected emit<Name extends keyof Events>(event: Name, payload: Events[Name]): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const listener of [...list]) {
      try {
        (listener as (payload: Events[Name]) => void)(payload);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
  }
}
