/**
 * A frozen namespace of constants or functions (`CallEvents`, `VoxEngine`), written as a `{ __proto__: null, ... }`
 * literal and given the ordinary `Object.prototype` here.
 *
 * Why the detour: every session runs the prelude in a fresh V8 context, where a plain literal's hidden class does not
 * exist yet and is built one property at a time, each step copying the descriptors before it. A null-prototype
 * literal is created as a dictionary at once. For the prelude's namespaces that halved the cost of running it
 * (bench/RESULTS.md, "Serve", session 5). Reads from a dictionary-mode object are a little slower, which a handful of
 * reads per session does not notice.
 */
export function frozenNamespace<T extends { __proto__: null }>(entries: T): Readonly<Omit<T, '__proto__'>> {
  return Object.freeze(Object.setPrototypeOf(entries, Object.prototype) as Omit<T, '__proto__'>);
}
