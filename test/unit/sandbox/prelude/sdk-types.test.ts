import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { CallState, DTMFType, ProgressToneCountry, RecordExpireTime } from '../../../../engine/sandbox/prelude/constants/enums.js';
import { AppEvents, CallEvents, PlayerEvents, RecorderEvents } from '../../../../engine/sandbox/prelude/constants/events.js';
import { languageConstants } from '../../../../engine/sandbox/prelude/constants/language.js';
import { Voice } from '../../../../engine/sandbox/prelude/constants/voice.js';
import { voiceListConstants } from '../../../../engine/sandbox/prelude/constants/voice-list.js';
import { PreludeHarness } from './prelude-harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sdkIndex = join(root, 'sdk-types/index.d.ts');
const scenarioOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/** One compiler host for every program here, caching parsed files (the ES2022 lib above all) between them. */
const host = ts.createCompilerHost(scenarioOptions);
const parsed = new Map<string, ts.SourceFile | undefined>();
const readSource = host.getSourceFile.bind(host);
host.getSourceFile = (name, language) => {
  if (!parsed.has(name)) parsed.set(name, readSource(name, language));
  return parsed.get(name);
};

/** The declarations of sdk-types, read with the TypeScript compiler. */
const program = ts.createProgram([sdkIndex], scenarioOptions, host);
const declared = new Map<string, ts.Node[]>();
for (const file of program.getSourceFiles().filter((f) => f.fileName.includes('/sdk-types/'))) {
  const visit = (node: ts.Node, prefix: string) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      const name = `${prefix}${node.name.text}`;
      declared.set(name, [...(declared.get(name) ?? []), node]);
      node.body.statements.forEach((s) => visit(s, `${name}.`));
    } else if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) declared.set(`${prefix}${d.name.getText(file)}`, [d]);
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      declared.set(`${prefix}${node.name.text}`, [node]);
    } else if ((ts.isEnumDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
      declared.set(`${prefix}${node.name.text}`, [node]);
    }
  };
  file.statements.forEach((s) => visit(s, ''));
}

function enumMembers(name: string): Record<string, string | number> {
  const node = declared.get(name)?.[0];
  if (!node || !ts.isEnumDeclaration(node)) throw new Error(`sdk-types declares no enum ${name}`);
  return Object.fromEntries(node.members.map((m) => {
    const init = m.initializer!;
    return [m.name.getText(), ts.isNumericLiteral(init) ? Number(init.text) : (init as ts.StringLiteral).text];
  }));
}

function classMethods(name: string): string[] {
  const node = declared.get(name)?.[0];
  if (!node || !ts.isClassDeclaration(node)) throw new Error(`sdk-types declares no class ${name}`);
  return [...new Set(node.members.filter(ts.isMethodDeclaration).map((m) => m.name.getText()))].sort();
}

function voicePaths(table: object, prefix: string): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    value instanceof Voice ? [`${prefix}.${key}`] : voicePaths(value as object, `${prefix}.${key}`));
}

describe('sdk-types match the prelude', () => {
  const harness = new PreludeHarness();
  afterAll(() => harness.dispose());

  it('declares the SDK without type errors', () => {
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it.each(Object.entries({ AppEvents, CallEvents, PlayerEvents, RecorderEvents, DTMFType, RecordExpireTime, ProgressToneCountry, CallState }))(
    'enum %s has the runtime values',
    (name, runtime) => {
      expect(enumMembers(name)).toEqual({ ...runtime });
    },
  );

  it('enum Modules has the runtime values', () => {
    expect(enumMembers('Modules')).toEqual(harness.value('Modules'));
  });

  it('declares every voice of VoiceList and Language', () => {
    const runtime = [...voicePaths(voiceListConstants(), 'VoiceList'), ...voicePaths(languageConstants(), 'Language')];
    expect(runtime.filter((path) => !declared.has(path))).toEqual([]);
    const declaredVoices = [...declared.entries()]
      .filter(([path, [node]]) => /^(VoiceList|Language)\./.test(path) && node !== undefined && ts.isVariableDeclaration(node))
      .map(([path]) => path);
    expect(declaredVoices.filter((path) => !runtime.includes(path))).toEqual([]);
  });

  it.each(['Call', 'Player', 'Recorder'])('class %s declares exactly the runtime methods', (name) => {
    const runtime = harness.value<string[]>(`Object.getOwnPropertyNames(${name}.prototype).filter((k) => k !== 'constructor').sort()`);
    expect(classMethods(name)).toEqual(runtime);
  });

  it('namespace VoxEngine declares exactly the runtime functions', () => {
    const functions = [...declared.keys()].filter((k) => k.startsWith('VoxEngine.')).map((k) => k.slice('VoxEngine.'.length)).sort();
    expect(functions).toEqual(harness.value<string[]>('Object.keys(VoxEngine).sort()'));
  });

  it('declares the global functions the prelude defines', () => {
    const globals = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'require', 'uuidgen', 'base64_encode', 'base64_decode', 'str2bytes', 'bytes2str', 'bytes2hex', 'hex2bytes', 'Logger.write', 'Net.httpRequestAsync', 'Net.httpRequest'];
    expect(globals.filter((g) => !declared.has(g))).toEqual([]);
    expect(harness.value(`[${globals.map((g) => `typeof ${g}`).join(',')}]`)).toEqual(globals.map(() => 'function'));
  });

  const scenarioFiles = [
    ...readdirSync(join(root, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.scenario.ts')).map((f) => join(root, 'examples', f)),
    ...readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.scenario.ts')).map((f) => join(root, 'scenarios', f)),
  ];

  it.each(scenarioFiles.map((f) => [f.slice(root.length + 1), f]))('%s type-checks against sdk-types', (_name, file) => {
    const check = ts.createProgram([file, sdkIndex], scenarioOptions, host);
    const errors = ts.getPreEmitDiagnostics(check).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  /** Type-checks an inline scenario against sdk-types and returns the diagnostics' codes. */
  function diagnosticsOf(name: string, source: string): number[] {
    const file = join(root, `examples/${name}.scenario.ts`);
    parsed.set(file, ts.createSourceFile(file, source, ts.ScriptTarget.ES2022));
    const fileExists = host.fileExists.bind(host);
    const check = ts.createProgram([file, sdkIndex], scenarioOptions, { ...host, fileExists: (f) => f === file || fileExists(f) });
    return ts.getPreEmitDiagnostics(check).map((d) => d.code);
  }

  it('accepts classic VoxEngine scenario code', () => {
    const source = `
      require(Modules.Player);
      var outgoing: Call;
      VoxEngine.addEventListener(AppEvents.CallAlerting, function (e) {
        e.call.answer();
        e.call.say('Hello', Language.US_ENGLISH_FEMALE);
        e.call.record();
        e.call.addEventListener(CallEvents.ToneReceived, function (ev) { Logger.write(ev.tone + ' ' + ev.type); });
        e.call.addEventListener('Call.Disconnected', function (ev) { Logger.write(ev.name + ev.id); VoxEngine.terminate(); });
        outgoing = VoxEngine.callSIP('sip:b@example.org', e.callerid, e.displayName);
        outgoing.addEventListener(CallEvents.Failed, function (ev) { e.call.reject(ev.code); });
        VoxEngine.easyProcess(e.call, outgoing, function (a, b) { VoxEngine.sendMediaBetween(a, b); });
        var player = VoxEngine.createTTSPlayer('Hi', { language: VoiceList.Google.en_US_Standard_C });
        player.addEventListener(PlayerEvents.PlaybackFinished, function (p) { p.player.stop(); });
        player.sendMediaTo(e.call);
        var timer = setTimeout(function () { e.call.hangup({ 'X-Reason': 'timeout' }); }, 30000);
        clearTimeout(timer);
      });
      VoxEngine.addEventListener(AppEvents.Started, async function () {
        const result = await Net.httpRequestAsync('https://example.org', { method: 'POST', postData: '{}' });
        if (result.code === 200) Logger.write(result.text);
        Net.httpRequest('https://example.org', function (r) { Logger.write(String(r.code)); });
        Logger.write(bytes2str(base64_decode(base64_encode('x'))) + uuidgen() + VoxEngine.customData());
      });`;
    expect(diagnosticsOf('__classic', source)).toEqual([]);
  });

  it('rejects a scenario that misuses the API', () => {
    const source = `VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(42); e.call.sayy('x'); });`;
    const errors = diagnosticsOf('__bad', source);
    // 2345: argument not assignable (answer's extraHeaders); 2551: no such property (sayy, "did you mean say").
    expect(errors.sort()).toEqual([2345, 2551]);
  });
});
