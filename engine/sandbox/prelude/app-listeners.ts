/** Listeners of `AppEvents`, registered with `VoxEngine.addEventListener`. */
import { ListenerRegistry } from './listener-registry.js';

export const appListeners = new ListenerRegistry('VoxEngine');
