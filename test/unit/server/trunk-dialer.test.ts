import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../engine/server/trunk-dialer.js';

describe('formatNumber (callPSTN numbers in the trunk Request-URI)', () => {
  it('e164 writes + and the digits', () => {
    expect(formatNumber('1 (555) 010-0100', 'e164', '')).toBe('+15550100100');
    expect(formatNumber('+44 20 7123 4567', 'e164', '')).toBe('+442071234567');
  });
  it('digits drops everything else, then the prefix goes in front', () => {
    expect(formatNumber('+1 555 0100', 'digits', '9')).toBe('915550100');
  });
  it('as-dialled leaves the number alone', () => {
    expect(formatNumber('5550100', 'as-dialled', '')).toBe('5550100');
  });
});
