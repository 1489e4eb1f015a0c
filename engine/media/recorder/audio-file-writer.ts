/** Encodes aligned PCM into a file as it arrives; the file is playable after every `flush()`. */
export interface AudioFileWriter {
  /** Adds samples: one channel, or left and right of equal length. */
  write(left: Int16Array, right?: Int16Array): void;
  /** Writes out what is encoded so far and brings the file's headers up to date. */
  flush(): void;
  /** Writes the rest, finalizes the file and closes it; rejects with a RecorderError if any write failed. */
  finish(): Promise<void>;
  /** Resolves when queued writes have run; rejects with the first write failure. */
  settled(): Promise<void>;
}
