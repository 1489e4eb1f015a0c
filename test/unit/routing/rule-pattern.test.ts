import { describe, expect, it } from 'vitest';
import { compileRulePattern, RulePatternError } from '../../../engine/routing/rule-pattern.js';

describe('compileRulePattern', () => {
  it('matches the whole dialled number only', () => {
    const pattern = compileRulePattern('1800.*');
    expect(pattern.test('18005550100')).toBe(true);
    expect(pattern.test('918005550100')).toBe(false);
  });

  it('keeps alternation inside the anchors', () => {
    const pattern = compileRulePattern('100|200');
    expect(pattern.test('100')).toBe(true);
    expect(pattern.test('1000')).toBe(false);
    expect(pattern.test('9200')).toBe(false);
  });

  it.each([
    ['1(2', 'not a valid regular expression'],
    ['[', 'not a valid regular expression'],
    ['a)(b', 'not a valid regular expression'],
    ['*1', 'not a valid regular expression'],
    ['', 'empty'],
    ['1'.repeat(513), 'longer than 512'],
  ])('refuses %j with a RulePatternError', (source, message) => {
    expect(() => compileRulePattern(source)).toThrow(RulePatternError);
    expect(() => compileRulePattern(source)).toThrow(message);
  });
});
