/**
 * The ordered rule table with optimistic locking. `version` covers a rule's content (name, pattern, scenario): an
 * update or delete naming a stale version is refused with `version_conflict`. Positions are the table's order;
 * inserting, deleting and reordering shift them without touching versions.
 *
 * Every change bumps the `rules` revision in the same transaction, so a reader (the routing table, in this or
 * another process) can tell with one indexed read whether its compiled copy is stale.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { StoreError, notFound } from './store-errors.js';
import type { Rule, RuleInput } from './store-types.js';

interface RuleRow {
  id: string;
  name: string;
  pattern: string;
  scenario: string;
  position: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export class RuleRepository {
  private readonly statements: {
    list: Statement;
    get: Statement;
    count: Statement;
    revision: Statement;
    bumpRevision: Statement;
    scenarioExists: Statement;
    shiftDown: Statement;
    shiftUp: Statement;
    insert: Statement;
    update: Statement;
    delete: Statement;
    setPosition: Statement;
  };

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.statements = {
      list: db.prepare('SELECT * FROM rules ORDER BY position'),
      get: db.prepare('SELECT * FROM rules WHERE id = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM rules'),
      revision: db.prepare("SELECT revision FROM revisions WHERE name = 'rules'"),
      bumpRevision: db.prepare("UPDATE revisions SET revision = revision + 1 WHERE name = 'rules'"),
      scenarioExists: db.prepare('SELECT 1 FROM scenarios WHERE name = ?'),
      shiftDown: db.prepare('UPDATE rules SET position = position + 1 WHERE position >= ?'),
      shiftUp: db.prepare('UPDATE rules SET position = position - 1 WHERE position > ?'),
      insert: db.prepare(`INSERT INTO rules (id, name, pattern, scenario, position, version, created_at, updated_at)
        VALUES (@id, @name, @pattern, @scenario, @position, @version, @createdAt, @updatedAt)`),
      update: db.prepare(`UPDATE rules SET name = @name, pattern = @pattern, scenario = @scenario,
        version = version + 1, updated_at = @updatedAt WHERE id = @id`),
      delete: db.prepare('DELETE FROM rules WHERE id = ?'),
      setPosition: db.prepare('UPDATE rules SET position = ? WHERE id = ?'),
    };
  }

  list(): Rule[] {
    return (this.statements.list.all() as RuleRow[]).map(toRule);
  }

  get(id: string): Rule {
    const row = this.statements.get.get(id) as RuleRow | undefined;
    if (!row) throw notFound('rule', id);
    return toRule(row);
  }

  /** Increases with every change to the table. */
  revision(): number {
    return (this.statements.revision.get() as { revision: number }).revision;
  }

  /** Inserts a rule at `position` (0 = first; default and any larger value = last). */
  create(input: RuleInput, position?: number): Rule {
    return this.db.transaction(() => {
      this.requireScenario(input.scenario);
      const count = (this.statements.count.get() as { n: number }).n;
      const at = position === undefined ? count : Math.min(position, count);
      this.statements.shiftDown.run(at);
      const now = this.now();
      const rule: Rule = { id: randomUUID(), ...input, position: at, version: 1, createdAt: now, updatedAt: now };
      this.statements.insert.run(rule);
      this.statements.bumpRevision.run();
      return rule;
    })();
  }

  update(id: string, input: RuleInput, expectedVersion: number): Rule {
    return this.db.transaction(() => {
      this.requireVersion(this.get(id), expectedVersion);
      this.requireScenario(input.scenario);
      this.statements.update.run({ id, ...input, updatedAt: this.now() });
      this.statements.bumpRevision.run();
      return this.get(id);
    })();
  }

  /** Deletes a rule; with `expectedVersion`, only if nobody changed it since. */
  delete(id: string, expectedVersion?: number): void {
    this.db.transaction(() => {
      const rule = this.get(id);
      if (expectedVersion !== undefined) this.requireVersion(rule, expectedVersion);
      this.statements.delete.run(id);
      this.statements.shiftUp.run(rule.position);
      this.statements.bumpRevision.run();
    })();
  }

  /**
   * Puts the rules in the given order. `ids` must name every rule exactly once: a list made from a stale view (a
   * rule added or deleted meanwhile) is refused with `version_conflict`.
   */
  reorder(ids: readonly string[]): Rule[] {
    return this.db.transaction(() => {
      const current = this.list().map((rule) => rule.id);
      const wanted = new Set(ids);
      const sameSet =
        wanted.size === ids.length && ids.length === current.length && current.every((id) => wanted.has(id));
      if (!sameSet) {
        throw new StoreError('version_conflict', 'the order must list every current rule exactly once', {
          current,
        });
      }
      ids.forEach((id, position) => this.statements.setPosition.run(position, id));
      this.statements.bumpRevision.run();
      return this.list();
    })();
  }

  private requireVersion(rule: Rule, expected: number): void {
    if (rule.version !== expected) {
      throw new StoreError('version_conflict', `rule '${rule.id}' is at version ${rule.version}, not ${expected}`, {
        currentVersion: rule.version,
      });
    }
  }

  private requireScenario(name: string): void {
    if (!this.statements.scenarioExists.get(name)) {
      throw new StoreError('invalid_reference', `scenario '${name}' does not exist`, { scenario: name });
    }
  }
}

function toRule(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    pattern: row.pattern,
    scenario: row.scenario,
    position: row.position,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
