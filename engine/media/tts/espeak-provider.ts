import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { toTelephoneAudio } from '../sources/decoded-audio.js';
import { decodeWav } from '../sources/wav-decoder.js';
import { espeakProsody } from './espeak-prosody.js';
import { espeakVoiceFor, parseEspeakVoiceList } from './espeak-voices.js';
import { TtsError, type TtsProvider, type TtsRequest } from './tts-types.js';

export interface EspeakProviderOptions {
  /** The espeak-ng executable; default `espeak-ng` from PATH (Debian package espeak-ng). */
  readonly executable?: string;
  /** A synthesis that takes longer is killed and fails with `synthesis_timeout`; default 30 s. */
  readonly timeoutMs?: number;
  /**
   * espeak-ng processes running at once; more requests wait their turn. Default: the number of CPUs, so a burst of
   * new prompts cannot starve the process that paces every call's audio.
   */
  readonly maxConcurrent?: number;
}

// 1,500 characters (VoxEngine's say() limit) at espeak's slowest rate is a few minutes of 22 kHz audio: ~10 MB.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

interface ProcessResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * The built-in TTS provider: runs `espeak-ng --stdout` once per prompt (text on stdin, never on the command line),
 * reads the WAV it writes and converts it to 8 kHz. SSML input (text starting with `<speak`) is passed with `-m`.
 */
export class EspeakProvider implements TtsProvider {
  readonly name = 'espeak-ng';
  private readonly executable: string;
  private readonly timeoutMs: number;
  private readonly maxConcurrent: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private languages: Promise<Set<string>> | undefined;

  constructor(options: EspeakProviderOptions = {}) {
    this.executable = options.executable ?? 'espeak-ng';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? availableParallelism());
  }

  async synthesize(request: TtsRequest): Promise<Int16Array> {
    const voice = espeakVoiceFor(request.voice, await this.availableLanguages());
    const prosody = espeakProsody(request.prosody);
    const args = ['--stdout', '--stdin', '-v', voice, '-s', `${prosody.wordsPerMinute}`, '-p', `${prosody.pitch}`, '-a', `${prosody.amplitude}`];
    if (/^\s*<speak[\s>]/i.test(request.text)) args.push('-m');
    const { stdout, stderr } = await this.run(args, request.text);
    try {
      return await toTelephoneAudio(decodeWav(new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength)));
    } catch (error) {
      throw new TtsError('synthesis_failed', `espeak-ng produced no usable audio${stderr ? `: ${stderr}` : ''}`, { cause: error });
    }
  }

  private availableLanguages(): Promise<Set<string>> {
    this.languages ??= this.run(['--voices'], '').then(
      ({ stdout }) => parseEspeakVoiceList(stdout.toString('utf8')),
      (error: unknown) => {
        this.languages = undefined;
        throw error;
      },
    );
    return this.languages;
  }

  private async run(args: string[], input: string): Promise<ProcessResult> {
    await this.acquire();
    try {
      return await this.spawnOnce(args, input);
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return;
    }
    // The slot is handed over by release(), so a request arriving meanwhile cannot take it first.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private spawnOnce(args: string[], input: string): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let failure: TtsError | undefined;
      const fail = (error: TtsError): void => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => fail(new TtsError('synthesis_timeout', `espeak-ng took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) fail(new TtsError('synthesis_failed', 'espeak-ng output exceeds the size limit'));
        else chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 2000) stderr += chunk.toString('utf8');
      });
      // The child may exit before reading stdin (a bad voice); EPIPE then is expected and reported through 'close'.
      child.stdin.on('error', () => undefined);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new TtsError('synthesis_failed', `cannot run ${this.executable}: ${error.message}`, { cause: error }));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (failure) reject(failure);
        else if (code !== 0) reject(new TtsError('synthesis_failed', `espeak-ng exited with ${code ?? signal}: ${stderr.trim()}`));
        else resolve({ stdout: Buffer.concat(chunks), stderr: stderr.trim() });
      });
      child.stdin.end(input);
    });
  }
}
