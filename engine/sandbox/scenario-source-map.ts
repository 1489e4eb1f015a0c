import { SourceMapConsumer } from 'source-map-js';
import { bootstrapFileName } from './bridge-bootstrap.js';
import type { CompiledScenario } from './sandbox-types.js';

/** The name the compiled scenario runs under in the isolate; stack frames in it are mapped to the author's files. */
export const scenarioScriptName = 'callscript-scenario.js';

/** 1-based line and column in one of the author's files. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface MappedStack {
  stack: string;
  /** The innermost frame in the author's code: where the author should look. */
  top?: SourcePosition;
}

const inlineMapPattern = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const framePattern = new RegExp(`${scenarioScriptName.replace('.', '\\.')}:(\\d+):(\\d+)`, 'g');

/**
 * Maps positions of the compiled scenario back through its inline source map. The map is parsed on first use only:
 * a session that never fails never pays for it.
 */
export class ScenarioSourceMap {
  #consumer: SourceMapConsumer | null | undefined;

  constructor(readonly scenario: CompiledScenario) {}

  originalPosition(line: number, column: number): SourcePosition | undefined {
    const consumer = this.#load();
    if (!consumer) return undefined;
    // source-map columns are 0-based; V8's stack columns are 1-based.
    const found = consumer.originalPositionFor({ line, column: Math.max(0, column - 1) });
    if (found.source === null || found.line === null || found.column === null) return undefined;
    return { file: found.source, line: found.line, column: found.column + 1 };
  }

  /** Rewrites scenario frames to the author's positions and drops the host-side and bridge frames. */
  mapStack(stack: string): MappedStack {
    let top: SourcePosition | undefined;
    const lines: string[] = [];
    for (const line of stack.split('\n')) {
      if (line.includes('<isolated-vm boundary>')) break;
      if (line.includes(bootstrapFileName)) continue;
      let unmapped = false;
      const mapped = line.replace(framePattern, (whole, l: string, c: string) => {
        const position = this.originalPosition(Number(l), Number(c));
        if (!position) {
          unmapped = true;
          return whole;
        }
        top ??= position;
        return `${position.file}:${position.line}:${position.column}`;
      });
      // A scenario frame with no mapping is in esbuild's wrapper, which the author never wrote.
      if (!unmapped) lines.push(mapped);
    }
    return { stack: lines.join('\n'), top };
  }

  #load(): SourceMapConsumer | null {
    if (this.#consumer === undefined) {
      const encoded = inlineMapPattern.exec(this.scenario.code)?.[1];
      this.#consumer = encoded ? new SourceMapConsumer(Buffer.from(encoded, 'base64').toString('utf8')) : null;
    }
    return this.#consumer;
  }
}
