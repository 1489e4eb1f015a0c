import { describe, expect, it } from 'vitest';
import { decodeSipInfoDtmf } from '../../../../engine/media/dtmf/sip-info-dtmf.js';

describe('decodeSipInfoDtmf', () => {
  it('reads application/dtmf-relay Signal and Duration', () => {
    expect(decodeSipInfoDtmf('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ digit: '5', durationMs: 160 });
    expect(decodeSipInfoDtmf('Application/DTMF-Relay; charset=utf-8', 'Signal= #\nDuration=250')).toEqual({ digit: '#', durationMs: 250 });
    expect(decodeSipInfoDtmf('application/dtmf-relay', 'Signal=10\r\n')).toEqual({ digit: '*' });
    expect(decodeSipInfoDtmf('application/dtmf-relay', 'Signal=d')).toEqual({ digit: 'D' });
  });

  it('reads application/dtmf', () => {
    expect(decodeSipInfoDtmf('application/dtmf', '7')).toEqual({ digit: '7' });
    expect(decodeSipInfoDtmf('application/dtmf', '11\r\n')).toEqual({ digit: '#' });
  });

  it('returns null for anything else', () => {
    expect(decodeSipInfoDtmf('application/dtmf-relay', 'Duration=160')).toBeNull();
    expect(decodeSipInfoDtmf('application/dtmf-relay', 'Signal=X')).toBeNull();
    expect(decodeSipInfoDtmf('application/dtmf', '16')).toBeNull();
    expect(decodeSipInfoDtmf('text/plain', '5')).toBeNull();
  });
});
