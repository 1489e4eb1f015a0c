/**
 * A small Prometheus metrics registry and the engine's own metrics. It sits at the engine root, outside every layer,
 * so that sip, media, call, session, sandbox and api can all count into it without breaking the layering.
 *
 * Hot paths (a counter per RTP packet) bind their labels once with `labels()` and then only add to a number field.
 * Exposition follows the Prometheus text format, version 0.0.4.
 */
export type LabelValues = Readonly<Record<string, string | number>>;

export interface CounterChild {
  inc(amount?: number): void;
}

export interface GaugeChild {
  set(value: number): void;
  inc(amount?: number): void;
  dec(amount?: number): void;
}

interface Series {
  labels: string;
  value: number;
}

abstract class Metric {
  protected readonly series = new Map<string, Series>();
  private collector: (() => void) | undefined;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly type: 'counter' | 'gauge',
  ) {}

  /** Runs `collect` just before each exposition, to set values read from elsewhere (heap size, live sessions). */
  onCollect(collect: () => void): this {
    this.collector = collect;
    return this;
  }

  /** Drops every series (a gauge whose label set is rebuilt by its collector). */
  reset(): void {
    this.series.clear();
  }

  render(): string {
    this.collector?.();
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.series.values()) lines.push(`${this.name}${labels} ${formatValue(value)}`);
    return lines.join('\n');
  }

  protected seriesFor(values: LabelValues): Series {
    const key = this.labelNames.map((name) => String(values[name] ?? '')).join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      for (const name of Object.keys(values)) {
        if (!this.labelNames.includes(name)) throw new Error(`metric ${this.name} has no label '${name}'`);
      }
      series = { labels: formatLabels(this.labelNames, values), value: 0 };
      this.series.set(key, series);
    }
    return series;
  }
}

export class Counter extends Metric {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'counter');
  }

  labels(values: LabelValues = {}): CounterChild {
    const series = this.seriesFor(values);
    return {
      inc(amount = 1) {
        if (amount < 0) throw new RangeError('a counter only goes up');
        series.value += amount;
      },
    };
  }

  inc(values: LabelValues = {}, amount = 1): void {
    this.labels(values).inc(amount);
  }
}

export class Gauge extends Metric {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'gauge');
  }

  labels(values: LabelValues = {}): GaugeChild {
    const series = this.seriesFor(values);
    return {
      set: (value) => (series.value = value),
      inc: (amount = 1) => (series.value += amount),
      dec: (amount = 1) => (series.value -= amount),
    };
  }

  set(values: LabelValues, value: number): void {
    this.labels(values).set(value);
  }
}

/** Events per second over a sliding window of whole seconds, for rates wanted as a gauge (call attempts). */
export class RateWindow {
  private readonly buckets: number[];
  private bucketSecond = 0;

  constructor(
    private readonly windowSeconds = 10,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
  }

  record(count = 1): void {
    this.advance();
    this.buckets[this.bucketSecond % this.windowSeconds]! += count;
  }

  perSecond(): number {
    this.advance();
    // The current second is still filling, so the rate is over the completed seconds of the window.
    const current = this.buckets[this.bucketSecond % this.windowSeconds]!;
    const total = this.buckets.reduce((sum, n) => sum + n, 0) - current;
    return total / (this.windowSeconds - 1);
  }

  private advance(): void {
    const second = Math.floor(this.nowMs() / 1000);
    if (second === this.bucketSecond) return;
    const steps = Math.min(second - this.bucketSecond, this.windowSeconds);
    for (let i = 1; i <= steps; i++) this.buckets[(this.bucketSecond + i) % this.windowSeconds] = 0;
    this.bucketSecond = second;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.register(new Gauge(name, help, labelNames));
  }

  /** The whole registry in the Prometheus text exposition format. */
  render(): string {
    return [...this.metrics.values()].map((metric) => metric.render()).join('\n') + '\n';
  }

  private register<T extends Metric>(metric: T): T {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric.name)) throw new Error(`invalid metric name '${metric.name}'`);
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

/** The metrics every layer reports into; `GET /metrics` renders their registry. */
export function createEngineMetrics(registry = new MetricsRegistry()) {
  const callAttemptRate = new RateWindow();
  const callAttempts = registry.counter('callscript_call_attempts_total', 'Calls started, incoming and outgoing.', [
    'direction',
  ]);
  const callAttemptsPerSecond = registry.gauge(
    'callscript_call_attempts_per_second',
    'Call attempts per second over the last 10 seconds.',
  );
  callAttemptsPerSecond.onCollect(() => callAttemptsPerSecond.set({}, callAttemptRate.perSecond()));
  const memory = registry.gauge(
    'callscript_memory_bytes',
    "The engine process's memory: resident, V8 heap used, and memory outside the heap (external, of which array buffers).",
    ['kind'],
  );
  memory.onCollect(() => {
    const usage = process.memoryUsage();
    memory.set({ kind: 'rss' }, usage.rss);
    memory.set({ kind: 'heap_used' }, usage.heapUsed);
    memory.set({ kind: 'external' }, usage.external);
    memory.set({ kind: 'array_buffers' }, usage.arrayBuffers);
  });
  return {
    registry,
    sessionsActive: registry.gauge('callscript_sessions_active', 'Scenario sessions running now.'),
    sessionsStarted: registry.counter('callscript_sessions_started_total', 'Scenario sessions started.'),
    sessionsEnded: registry.counter('callscript_sessions_ended_total', 'Scenario sessions ended, by outcome.', [
      'status',
    ]),
    callsActive: registry.gauge('callscript_calls_active', 'Calls in progress, by call record status.', ['status']),
    callsEnded: registry.counter('callscript_calls_ended_total', 'Calls ended, by hangup reason.', ['hangup_reason']),
    callAttempts,
    callAttemptsPerSecond,
    /** Counts one call attempt in both the counter and the per-second gauge. */
    recordCallAttempt(direction: 'incoming' | 'outgoing'): void {
      callAttempts.inc({ direction });
      callAttemptRate.record();
    },
    rtpPackets: registry.counter('callscript_rtp_packets_total', 'RTP packets sent and received.', ['direction']),
    rtpLatePackets: registry.counter(
      'callscript_rtp_late_packets_total',
      'Received RTP packets that arrived too late to be played (behind the jitter buffer).',
    ),
    sandboxHeapBytes: registry.gauge('callscript_sandbox_heap_bytes', 'V8 heap used by scenario isolates, in bytes.'),
    sipRequests: registry.counter('callscript_sip_requests_total', 'SIP requests, by direction and method.', [
      'direction',
      'method',
    ]),
    sipResponses: registry.counter(
      'callscript_sip_responses_total',
      'SIP responses, by direction, status code and the method of the request they answer.',
      ['direction', 'method', 'code'],
    ),
  };
}

/** The process-wide instance the engine's layers count into. */
export const engineMetrics = createEngineMetrics();

export type EngineMetrics = ReturnType<typeof createEngineMetrics>;

function formatLabels(names: readonly string[], values: LabelValues): string {
  if (names.length === 0) return '';
  const pairs = names.map((name) => `${name}="${escapeLabel(String(values[name] ?? ''))}"`);
  return `{${pairs.join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
