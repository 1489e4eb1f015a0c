/**
 * Which scenario an incoming call reaches: the rules managed through the API (the store's table, in its order)
 * first, so an operator can override the config file at run time, then the config file's rules in file order.
 */
import type { Rule, ScenarioVersion } from '../store/store-types.js';
import type { ConfigRuleTable, FileRule } from './config-rule-table.js';
import type { RuleTable } from './rule-table.js';

export type RouteDecision =
  | { source: 'api'; rule: Rule; scenario: ScenarioVersion }
  | { source: 'config'; index: number; rule: FileRule };

export class CallRouter {
  constructor(
    private readonly stored: Pick<RuleTable, 'match'> | undefined,
    private readonly fileRules: ConfigRuleTable,
  ) {}

  /** The first matching rule, or undefined (the INVITE is then answered 404). */
  route(dialledNumber: string): RouteDecision | undefined {
    const stored = this.stored?.match(dialledNumber);
    if (stored) return { source: 'api', rule: stored.rule, scenario: stored.scenario };
    const file = this.fileRules.match(dialledNumber);
    return file && { source: 'config', index: file.index, rule: file.rule };
  }
}

/** One line for logs and `callscript route`. */
export function describeRoute(decision: RouteDecision): string {
  if (decision.source === 'api') {
    return `rule ${decision.rule.id} (API) /${decision.rule.pattern}/ -> scenario ${decision.scenario.name} version ${decision.scenario.version}`;
  }
  return `rule #${decision.index + 1} (config) /${decision.rule.pattern}/ -> ${decision.rule.scenarioFile}`;
}
