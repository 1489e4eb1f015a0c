import { describe, expect, it } from 'vitest';
import { CallRouter, describeRoute } from '../../../engine/routing/call-router.js';
import { ConfigRuleTable } from '../../../engine/routing/config-rule-table.js';
import type { RuleMatch } from '../../../engine/routing/rule-table.js';
import type { Rule, ScenarioVersion } from '../../../engine/store/store-types.js';

const fileRules = new ConfigRuleTable([
  { pattern: '1800\\d+', scenarioFile: '/s/ivr.ts' },
  { pattern: '.*', scenarioFile: '/s/demo.ts' },
]);

describe('CallRouter', () => {
  it('matches config rules in file order, on the whole number', () => {
    const router = new CallRouter(undefined, fileRules);
    expect(router.route('18005550100')).toMatchObject({ source: 'config', index: 0, rule: { scenarioFile: '/s/ivr.ts' } });
    expect(router.route('918005550100')).toMatchObject({ source: 'config', index: 1 });
  });

  it('tries the API rules first', () => {
    const rule = { id: 'r1', name: 'vip', pattern: '1800.*', scenario: 'vip', position: 0 } as Rule;
    const scenario = { name: 'vip', version: 3 } as ScenarioVersion;
    const stored = { match: (n: string): RuleMatch | undefined => (n.startsWith('1800') ? { rule, scenario } : undefined) };
    const router = new CallRouter(stored, fileRules);
    const decision = router.route('18005550100')!;
    expect(decision).toMatchObject({ source: 'api', scenario: { name: 'vip', version: 3 } });
    expect(describeRoute(decision)).toBe('rule r1 (API) /1800.*/ -> scenario vip version 3');
    expect(router.route('42')).toMatchObject({ source: 'config', index: 1 });
  });

  it('finds nothing when no rule matches', () => {
    expect(new CallRouter(undefined, new ConfigRuleTable([{ pattern: '1\\d\\d', scenarioFile: '/s/a.ts' }])).route('2000')).toBeUndefined();
  });
});
