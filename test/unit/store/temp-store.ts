import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../engine/store/store.js';

/** A store in a fresh temporary data directory; `dispose` closes it and removes the directory. */
export function tempStore(now?: () => number): { store: Store; dataDir: string; reopen(): Store; dispose(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'callscript-store-'));
  const opened: Store[] = [];
  const open = () => {
    const store = Store.open(now ? { dataDir, now } : { dataDir });
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    dataDir,
    reopen: open,
    dispose() {
      for (const store of opened) store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
