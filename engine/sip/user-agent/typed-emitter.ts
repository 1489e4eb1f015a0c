type Listener = (...args: unknown[]) => void;

/**
 * A typed event emitter for objects with several listeners (sessions). A throwing listener cannot corrupt the
 * emitter's state or stop the other listeners: its error goes to `onListenerError`.
 */
export class TypedEmitter<Events extends { [name: string]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Listener[]>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void = () => undefined) {}

  on<Name extends keyof Events>(event: Name, listener: (...args: Events[Name]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as unknown as Listener);
    this.listeners.set(event, list);
    return this;
  }

  once<Name extends keyof Events>(event: Name, listener: (...args: Events[Name]) => void): this {
    const wrapper = (...args: Events[Name]): void => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off<Name extends keyof Events>(event: Name, listener: (...args: Events[Name]) => void): this {
    const list = this.listeners.get(event);
    if (!list) return this;
    const index = list.indexOf(listener as unknown as Listener);
    if (index >= 0) list.splice(index, 1);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }

  protected emit<Name extends keyof Events>(event: Name, ...args: Events[Name]): void {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) return;
    for (const listener of [...list]) {
      try {
        (listener as unknown as (...a: Events[Name]) => void)(...args);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
  }
}
