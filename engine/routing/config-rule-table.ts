/**
 * The ordered rules of the serve process's config file: a pattern on the dialled number (the whole number must
 * match, as VoxEngine's application rules do) -> a scenario file. Unlike the store's rules, they are fixed for the
 * life of the process.
 */
import { compileRulePattern } from './rule-pattern.js';

export interface FileRule {
  pattern: string;
  /** Absolute path of the scenario file. */
  scenarioFile: string;
}

export interface FileRuleMatch {
  /** Position in the config file's `rules`, from 0. */
  index: number;
  rule: FileRule;
}

export class ConfigRuleTable {
  private readonly compiled: { rule: FileRule; expression: RegExp }[];

  /** Throws `RulePatternError` for a pattern that is not a valid regular expression. */
  constructor(rules: readonly FileRule[]) {
    this.compiled = rules.map((rule) => ({ rule, expression: compileRulePattern(rule.pattern) }));
  }

  match(dialledNumber: string): FileRuleMatch | undefined {
    const index = this.compiled.findIndex(({ expression }) => expression.test(dialledNumber));
    return index < 0 ? undefined : { index, rule: this.compiled[index]!.rule };
  }

  rules(): readonly FileRule[] {
    return this.compiled.map(({ rule }) => rule);
  }
}
