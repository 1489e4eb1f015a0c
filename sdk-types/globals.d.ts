/** Runs `callback` once after `timeout` ms on the session's clock. At most 100 active timers per session. */
declare function setTimeout<A extends unknown[]>(callback: (...args: A) => unknown, timeout?: number, ...args: A): number;
/** Runs `callback` every `timeout` ms; periods under 100 ms are raised to 100 ms. */
declare function setInterval<A extends unknown[]>(callback: (...args: A) => unknown, timeout?: number, ...args: A): number;
declare function clearTimeout(timeoutID: number | undefined): void;
declare function clearInterval(intervalID: number | undefined): void;

/** Loads a VoxEngine module; callscript provides `Modules.Player` and `Modules.Recorder`. */
declare function require(module: Modules): void;

/** A random (version 4) UUID. */
declare function uuidgen(): string;
/** Base64 of a UTF-8 string or of bytes. */
declare function base64_encode(data: string | number[]): string;
/** The bytes of a base64 string; `bytes2str` turns them back into text. */
declare function base64_decode(data: string): number[];
declare function str2bytes(data: string, encoding?: 'utf-8'): number[];
declare function bytes2str(data: number[], encoding?: 'utf-8'): string;
declare function bytes2hex(data: number[], toUpperCase?: boolean): string;
declare function hex2bytes(data: string): number[];

declare namespace Logger {
  /** Writes a line to the session log (at most 15 000 characters). */
  function write(message: unknown): void;
  function hideTones(flag: boolean): void;
}

declare namespace Net {
  interface HttpRequestOptions {
    /** GET by default. */
    method?: string;
    postData?: string | number[];
    headers?: { [key: string]: string };
    params?: { [key: string]: string };
    /** Fill `data` with the response bytes. */
    rawOutput?: boolean;
    /** Seconds (default 90). */
    timeout?: number;
    /** Seconds (default 6). */
    connectionTimeout?: number;
    enableSystemLog?: boolean;
  }

  interface HttpRequestResult {
    /** The HTTP status, or VoxEngine's negative codes: -1 unknown, -2 bad URL, -3 host not found, -4 connection, -7 timeout; 0 when a limit was hit. */
    code: number;
    raw_headers?: string;
    headers?: { key: string; value: string }[];
    text?: string;
    data?: number[];
    error?: string;
  }

  /** At most 3 requests at a time and 35 per session; hosts must be allowed by the engine's configuration. */
  function httpRequestAsync(url: string, options?: HttpRequestOptions): Promise<HttpRequestResult>;
  function httpRequest(url: string, callback: (result: HttpRequestResult) => void, options?: HttpRequestOptions): void;
}
