/** `callscript/testing`: the scenario author's test kit. See docs/testing.md. */
export { loadScenario, loadScenarioSource, ScenarioKit } from './scenario-kit.js';
export type { IncomingCallOptions, KitEvent, LoadScenarioOptions } from './scenario-kit.js';
export { SimulatedCall } from './simulated-call.js';
export type { DtmfKind, SaidText } from './simulated-call.js';
export { SimulatedHttp } from './simulated-http.js';
export type { SimulatedHttpResponse } from './simulated-http.js';
export { VirtualClock } from './virtual-clock.js';
export { runSimulatedDemo } from './simulated-demo.js';
export type { SimulatedDemoOptions } from './simulated-demo.js';
