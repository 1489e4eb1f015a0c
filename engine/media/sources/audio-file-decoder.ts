import { AudioSourceError } from './audio-source-error.js';
import { toTelephoneAudio } from './decoded-audio.js';
import { decodeMp3, looksLikeMp3 } from './mp3-decoder.js';
import { decodeWav, looksLikeWav } from './wav-decoder.js';

/**
 * Decodes a WAV or MP3 file, recognized by its content rather than its name or Content-Type (both are often wrong on
 * the web), into the engine's 8 kHz mono 16-bit PCM.
 */
export async function decodeAudioFile(bytes: Uint8Array): Promise<Int16Array> {
  if (looksLikeWav(bytes)) return toTelephoneAudio(decodeWav(bytes));
  if (looksLikeMp3(bytes)) return toTelephoneAudio(await decodeMp3(bytes));
  throw new AudioSourceError('unsupported_format', 'unsupported audio format: expected WAV or MP3');
}
