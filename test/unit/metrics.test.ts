import { describe, expect, it } from 'vitest';
import { createEngineMetrics, MetricsRegistry, RateWindow } from '../../engine/metrics.js';

describe('MetricsRegistry', () => {
  it('renders counters and gauges in the Prometheus text format', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('sip_requests_total', 'SIP requests.', ['method']);
    const invite = requests.labels({ method: 'INVITE' });
    invite.inc();
    invite.inc(2);
    requests.inc({ method: 'BYE' });
    registry.gauge('up', 'Always one.').set({}, 1);
    expect(registry.render()).toBe(
      [
        '# HELP sip_requests_total SIP requests.',
        '# TYPE sip_requests_total counter',
        'sip_requests_total{method="INVITE"} 3',
        'sip_requests_total{method="BYE"} 1',
        '# HELP up Always one.',
        '# TYPE up gauge',
        'up 1',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text', () => {
    const registry = new MetricsRegistry();
    registry.counter('x_total', 'back\\slash\nnewline', ['v']).inc({ v: 'a"b\\c\nd' });
    expect(registry.render()).toContain('# HELP x_total back\\\\slash\\nnewline');
    expect(registry.render()).toContain('x_total{v="a\\"b\\\\c\\nd"} 1');
  });

  it('refuses duplicate and invalid names, unknown labels and a negative counter step', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('c_total', 'c', ['a']);
    expect(() => registry.gauge('c_total', 'again')).toThrow('already registered');
    expect(() => registry.gauge('bad-name', 'x')).toThrow('invalid metric name');
    expect(() => counter.inc({ b: '1' })).toThrow("no label 'b'");
    expect(() => counter.inc({ a: '1' }, -1)).toThrow(RangeError);
  });

  it('runs a gauge collector before each exposition', () => {
    const registry = new MetricsRegistry();
    let live = 3;
    const gauge = registry.gauge('live', 'Live things.');
    gauge.onCollect(() => gauge.set({}, live));
    expect(registry.render()).toContain('live 3');
    live = 5;
    expect(registry.render()).toContain('live 5');
  });
});

describe('RateWindow', () => {
  it('averages completed seconds over the window and forgets old ones', () => {
    let now = 0;
    const window = new RateWindow(10, () => now);
    for (let second = 0; second < 9; second++) {
      now = second * 1000 + 500;
      window.record(10);
    }
    now = 9_500;
    expect(window.perSecond()).toBe(10);
    now = 30_000;
    expect(window.perSecond()).toBe(0);
  });
});

describe('createEngineMetrics', () => {
  it('declares the engine metrics in their own registry', () => {
    const metrics = createEngineMetrics();
    metrics.recordCallAttempt('outgoing');
    const text = metrics.registry.render();
    for (const name of [
      'callscript_sessions_active',
      'callscript_calls_active',
      'callscript_calls_ended_total',
      'callscript_call_attempts_total',
      'callscript_call_attempts_per_second',
      'callscript_rtp_packets_total',
      'callscript_rtp_late_packets_total',
      'callscript_sandbox_heap_bytes',
      'callscript_sip_requests_total',
      'callscript_sip_responses_total',
      'callscript_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('callscript_call_attempts_total{direction="outgoing"} 1');
    const rss = Number(/callscript_memory_bytes\{kind="rss"\} (\d+)/.exec(text)?.[1]);
    expect(rss).toBeGreaterThan(1 << 20);
    for (const kind of ['heap_used', 'external', 'array_buffers']) expect(text).toContain(`callscript_memory_bytes{kind="${kind}"} `);
  });
});
