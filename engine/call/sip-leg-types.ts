/**
 * What a SIP call leg needs from the engine that hosts it, and its typed errors. The serve process builds one
 * {@link SipLegEnvironment} and passes it to `createIncomingSipLeg` / `createOutgoingSipLeg` for every call.
 */
import type { Logger } from 'pino';
import type { MediaEngine } from '../media/media-engine.js';
import type { PlaybackSources } from '../media/player/playback-sources.js';

export interface SipLegEnvironment {
  /** The port pool, the 20 ms scheduler and the advertised media address every leg shares. */
  readonly media: MediaEngine;
  /** Speech, files and tones for `say` / `startPlayback` (`createPlaybackSources()` once per engine). */
  readonly sources: PlaybackSources;
  /** Folder for `call.record()` files; it must exist. */
  readonly recordingsDirectory: string;
  /** The URL that `RecordStarted`/`RecordStopped` report for a recording file; default its `file:` URL. */
  readonly recordingUrl?: (fileName: string) => string;
  readonly logger?: Logger;
}

/** An outgoing call's target and VoxEngine's `callSIP` parameters, already validated by the call layer. */
export interface OutgoingSipCall {
  /** Request-URI, e.g. `sip:alice@203.0.113.7:5060` or `sip:+15551234567@trunk.example.com;transport=tcp`. */
  readonly uri: string;
  /** From: the caller id as a URI or name-addr, e.g. `"Support" <sip:+15550100@callscript.example>`. */
  readonly from: string;
  /** Custom headers for the INVITE (`X-...`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Digest credentials (`authUser`, `password`) for a 401/407 challenge. */
  readonly authUser?: string;
  readonly password?: string;
  /** `outProxy`: the INVITE goes through this SIP URI (a pre-loaded route, RFC 3261 section 8.1.2). */
  readonly outboundProxy?: string;
}

export type SipLegErrorCode =
  /** RFC 3264: the INVITE's offer has no codec in common with us; the INVITE was answered 488. */
  | 'offer-not-acceptable'
  /** The caller cancelled while the leg was being set up. */
  | 'leg-closed';

export class SipLegError extends Error {
  override readonly name = 'SipLegError';
  constructor(
    readonly code: SipLegErrorCode,
    message: string,
  ) {
    super(message);
  }
}
