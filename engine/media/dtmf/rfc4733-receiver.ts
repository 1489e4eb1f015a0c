import { DTMF_EVENT_DIGITS, type DtmfDigit } from './dtmf-types.js';
import { TelephoneEvent } from './telephone-event.js';

/**
 * Turns RFC 4733 packets into digits, one per event. RFC 4733 section 2.5.1.3: all packets of one event carry the
 * event's start timestamp, the final packet is sent three times (section 2.5.1.4), and updates may be retransmitted.
 * So an event is identified by its RTP timestamp: the first packet seen for a new timestamp reports the digit, and
 * every later packet with that timestamp (updates, the end packets, retransmissions) is absorbed.
 */
export class Rfc4733Receiver {
  private lastEventTimestamp: number | null = null;
  private lastEventCode = -1;
  /** Packets that carried no DTMF event (a payload too short, or an event code beyond the digits). */
  ignored = 0;

  /** Returns the digit when this packet starts a new event, null otherwise. */
  receive(rtpTimestamp: number, payload: Uint8Array): DtmfDigit | null {
    const event = TelephoneEvent.parse(payload);
    if (!event || event.event >= DTMF_EVENT_DIGITS.length) {
      this.ignored++;
      return null;
    }
    if (rtpTimestamp === this.lastEventTimestamp && event.event === this.lastEventCode) return null;
    this.lastEventTimestamp = rtpTimestamp;
    this.lastEventCode = event.event;
    return DTMF_EVENT_DIGITS[event.event]!;
  }
}
