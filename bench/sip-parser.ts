/**
 * SIP parser benchmark: a typical INVITE parsed as a UAS reads it (start line, header boundaries, then Via, From, To,
 * Call-ID, CSeq, Contact, Content-Length), and a single name-addr, against sip.js's Grammar (the RFC 3261 ABNF) in
 * the same run. Appends or replaces the "## SIP parser" section of bench/RESULTS.md.
 *
 *   node --import tsx bench/sip-parser.ts
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import { createResponse, parseMessage, parseNameAddr, type SipRequest } from '../engine/sip/message/index.js';

const SDP =
  'v=0\r\no=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\ns=-\r\nc=IN IP4 192.0.2.101\r\nt=0 0\r\n' +
  'm=audio 49172 RTP/AVP 0\r\n';
const INVITE = Buffer.from(
  [
    'INVITE sip:bob@biloxi.example.com SIP/2.0',
    'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.example.com>',
    'From: "Alice A." <sip:alice@atlanta.example.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>',
    'Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, INFO, UPDATE',
    'Supported: replaces, timer',
    'User-Agent: callscript-bench/1.0',
    'Content-Type: application/sdp',
    `Content-Length: ${SDP.length}`,
    '',
    SDP,
  ].join('\r\n'),
);
const PARSED_INVITE = parseMessage(INVITE) as SipRequest;
const NAME_ADDR = '"Alice A." <sip:alice@atlanta.example.com;transport=tcp>;tag=1928301774';

function ours(): number {
  const request = parseMessage(INVITE) as SipRequest;
  return (
    request.via.length +
    request.from.tag!.length +
    request.to.uri.scheme.length +
    request.callId.length +
    request.cseq.seq +
    (request.contact as unknown[]).length +
    request.contentLength!
  );
}

const headerValue = (name: string) => {
  const text = INVITE.toString('utf8');
  const line = text.split('\r\n').find((l) => l.startsWith(`${name}:`))!;
  return line.slice(name.length + 1).trim();
};
const grammarInputs: [string, string][] = [
  ['Via', headerValue('Via')],
  ['From', headerValue('From')],
  ['To', headerValue('To')],
  ['Call_ID', headerValue('Call-ID')],
  ['CSeq', headerValue('CSeq')],
  ['Contact', headerValue('Contact')],
  ['Content_Length', headerValue('Content-Length')],
];

/** sip.js's way: split the message into lines, then run the grammar on each header a UAS reads. */
function grammar(): number {
  const text = INVITE.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = text.slice(0, headEnd).split('\r\n');
  let n = lines.length;
  for (const [rule, value] of grammarInputs) {
    const parsed = Grammar.parse(value, rule);
    if (parsed === -1) throw new Error(`grammar refused ${rule}`);
    n++;
  }
  return n;
}

interface Result {
  readonly label: string;
  /** CPU microseconds per operation (user + system) in the fastest window: the least disturbed by other jobs. */
  readonly bestCpuUs: number;
  /** Median over the windows, CPU and wall-clock. */
  readonly medianCpuUs: number;
  readonly medianWallUs: number;
  readonly ops: number;
}

/**
 * Runs `fn` in WINDOWS windows of about `windowMs` each and reports per-operation CPU time (process.cpuUsage) as the
 * best and the median window. CPU time rather than wall time, and the best window, because the machine is shared:
 * wall time counts the time other processes hold the cores.
 */
function measure(label: string, fn: () => unknown, windowMs = 120, windows = 15): Result {
  for (let i = 0; i < 5000; i++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  let ops = 0;
  for (let w = 0; w < windows; w++) {
    let n = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < windowMs) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / n);
    wall.push((elapsed * 1000) / n);
    ops += n;
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { label, bestCpuUs: Math.min(...cpu), medianCpuUs: median(cpu), medianWallUs: median(wall), ops };
}

const results = [
  measure('callscript: INVITE (start line, headers, Via/From/To/Call-ID/CSeq/Contact/Content-Length)', ours),
  measure('sip.js Grammar: same INVITE (line split + 7 header rules)', grammar),
  measure('callscript: name-addr', () => parseNameAddr(NAME_ADDR)),
  measure('sip.js Grammar: name-addr (Name_Addr_Header)', () => Grammar.parse(NAME_ADDR, 'Name_Addr_Header')),
  measure('callscript: INVITE split only (start line + header boundaries, no value parsed)', () => parseMessage(INVITE)),
  measure('callscript: 180 Ringing to that INVITE built and serialized (createResponse + toBuffer)', () =>
    createResponse(PARSED_INVITE, 180, { toTag: 'a6c85cf' }).toBuffer(),
  ),
];

const format = (us: number) => (us < 10 ? us.toFixed(2) : us.toFixed(1));
const inviteRatio = results[1]!.bestCpuUs / results[0]!.bestCpuUs;
const nameAddrRatio = results[3]!.bestCpuUs / results[2]!.bestCpuUs;
const load = loadavg()[0]!.toFixed(1);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}`;
const section = [
  '## SIP parser',
  '',
  `Command: \`node --import tsx bench/sip-parser.ts\` (${new Date().toISOString().slice(0, 16)}Z, ${machine}, ` +
    `1-minute load average ${load} while measuring).`,
  '',
  '| case | CPU us/op, best window | CPU us/op, median | wall us/op, median | ops measured |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.label} | ${format(r.bestCpuUs)} | ${format(r.medianCpuUs)} | ${format(r.medianWallUs)} | ${r.ops} |`),
  '',
  `Scale: DESIGN.md puts sip.js's Grammar at 100-150 us per header on this machine when idle; in this run it took ` +
    `${(results[1]!.bestCpuUs / grammarInputs.length).toFixed(0)} us per header (best window), so every figure above ` +
    `is inflated by roughly ${(results[1]!.bestCpuUs / grammarInputs.length / 125).toFixed(1)}x by the other jobs on ` +
    `the machine (an estimate from one ratio): the INVITE on an idle machine would take about ${format(results[0]!.bestCpuUs / (results[1]!.bestCpuUs / grammarInputs.length / 125))} us.`,
  '',
  `Ratio (best-window CPU time): callscript parses the INVITE ${inviteRatio.toFixed(0)}x faster than sip.js's Grammar, ` +
    `and a name-addr ${nameAddrRatio.toFixed(0)}x faster. Budgets: INVITE < 10 us, name-addr < 2 us. The machine was ` +
    'shared with other jobs while measuring: the best-window CPU column and the ratio are the figures to compare.',
  '',
].join('\n');

for (const r of results) {
  console.log(`${format(r.bestCpuUs).padStart(8)} best ${format(r.medianCpuUs).padStart(8)} median us CPU ${format(r.medianWallUs).padStart(8)} us wall  ${r.label}`);
}
console.log(`ratio INVITE ${inviteRatio.toFixed(1)}x, name-addr ${nameAddrRatio.toFixed(1)}x`);

if (!process.argv.includes('--no-write')) {
  const path = join(import.meta.dirname, 'RESULTS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\n';
  const pattern = /## SIP parser\n[\s\S]*?(?=\n## |$)/;
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
