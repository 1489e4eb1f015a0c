/**
 * A rule's pattern: an ECMAScript regular expression that must match the whole dialled number (as VoxEngine's
 * application rules do), so `1800.*` matches `18005550100` but not `918005550100`.
 */
export const maxRulePatternLength = 512;

export class RulePatternError extends Error {
  readonly code = 'invalid_pattern';

  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'RulePatternError';
  }
}

/** Compiles a pattern into the anchored expression a rule matches with; throws {@link RulePatternError}. */
export function compileRulePattern(pattern: string): RegExp {
  if (pattern.length === 0) throw new RulePatternError(pattern, 'the pattern is empty');
  if (pattern.length > maxRulePatternLength) {
    throw new RulePatternError(pattern, `the pattern is longer than ${maxRulePatternLength} characters`);
  }
  try {
    // Compiled alone first: wrapping can make an unbalanced pattern such as `a)(b` look valid.
    new RegExp(pattern);
  } catch (error) {
    throw new RulePatternError(pattern, `not a valid regular expression: ${(error as Error).message}`);
  }
  return new RegExp(`^(?:${pattern})$`);
}
