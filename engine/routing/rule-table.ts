/**
 * Routes a dialled number to a scenario: the first rule, in table order, whose pattern matches the whole number.
 * The compiled table is cached and rebuilt when the store's rule revision moves, so a change made through the API
 * (by this process or another one sharing the database) applies to the very next call, without a restart.
 */
import type { Store } from '../store/store.js';
import type { Rule, ScenarioVersion } from '../store/store-types.js';
import { compileRulePattern } from './rule-pattern.js';

export interface RuleMatch {
  rule: Rule;
  /** The scenario's current version at the time of the match. */
  scenario: ScenarioVersion;
}

interface CompiledRule {
  rule: Rule;
  expression: RegExp;
}

export class RuleTable {
  private compiled: CompiledRule[] = [];
  private revision = -1;

  constructor(private readonly store: Pick<Store, 'rules' | 'scenarios'>) {}

  match(dialledNumber: string): RuleMatch | undefined {
    for (const { rule, expression } of this.current()) {
      if (expression.test(dialledNumber)) {
        return { rule, scenario: this.store.scenarios.version(rule.scenario) };
      }
    }
    return undefined;
  }

  /** The rules in the order they are tried. */
  rules(): Rule[] {
    return this.current().map((entry) => entry.rule);
  }

  private current(): CompiledRule[] {
    const revision = this.store.rules.revision();
    if (revision !== this.revision) {
      // Patterns were validated on the way in, so compiling a stored one cannot throw.
      this.compiled = this.store.rules.list().map((rule) => ({ rule, expression: compileRulePattern(rule.pattern) }));
      this.revision = revision;
    }
    return this.compiled;
  }
}
