// The thread side of `SqliteWriter` (sqlite-writer.ts): one SQLite connection that runs batches of prepared writes,
// each batch in one transaction. Plain JavaScript because worker threads do not get tsx's loader; it needs nothing of
// the engine's TypeScript, only the statements' text, which the main thread sends.
//
// workerData: { file, synchronous: 'FULL' | 'NORMAL', statements: { [name]: sql } }
// in:  { id, writes: [name, params][] } | { close: true }
// out: { ready: true } once, then { id, failed: [index, message][] } per batch (once committed or rolled back)
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const Database = createRequire(import.meta.url)('better-sqlite3');

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${workerData.synchronous}`);
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
const statements = new Map(Object.entries(workerData.statements).map(([name, sql]) => [name, db.prepare(sql)]));

function run([name, params]) {
  const statement = statements.get(name);
  if (!statement) throw new Error(`unknown statement ${name}`);
  statement.run(params);
}

const runAll = db.transaction((writes) => {
  for (const write of writes) run(write);
});
const runOne = db.transaction(run);
parentPort.postMessage({ ready: true });

parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  const failed = [];
  try {
    runAll(message.writes);
  } catch {
    // The batch rolled back whole; run each write alone so that a bad one loses only itself.
    message.writes.forEach((write, index) => {
      try {
        runOne(write);
      } catch (error) {
        failed.push([index, error instanceof Error ? error.message : String(error)]);
      }
    });
  }
  parentPort.postMessage({ id: message.id, failed });
});
