import { it, expect } from 'vitest';
import { PreludeHarness } from './prelude-harness.js';
it('probe', () => {
  const a = new PreludeHarness(); const b = new PreludeHarness();
  console.log(a.value('uuidgen()'), b.value('uuidgen()'), a.value('Math.random()'), b.value('Math.random()'));
  a.dispose(); b.dispose();
});
