import { checkConditionValue, flattenAlternatives, MatchAlternative, StringCondition } from "./string-condition";

/**
 * Which `sub` claims a trust admits: exact values and glob patterns, OR-ed together.
 *
 * @example
 * Subject.exactly("repo:octo-org/payments:environment:production");
 * Subject.anyOf(["repo:octo-org/app:ref:refs/heads/main", Subject.like("repo:octo-org/app:ref:refs/tags/v*")]);
 */
export class Subject extends StringCondition {
  /** Exactly this subject (compared literally and case-sensitively; `*` and `?` are refused). */
  public static exactly(value: string): Subject {
    return new Subject([{ kind: "exact", value: checkConditionValue("Subject.exactly", value, "exact") }]);
  }

  /** Any of these subjects: strings are exact values, `Subject.like(...)` entries are patterns. */
  public static anyOf(values: readonly (string | Subject)[]): Subject {
    return new Subject(flattenAlternatives("Subject.anyOf", values));
  }

  /** A glob pattern: `*` matches any run of characters (including `/` and `:`), `?` one character. */
  public static like(pattern: string): Subject {
    return new Subject([{ kind: "like", pattern: checkConditionValue("Subject.like", pattern, "like") }]);
  }

  private constructor(alternatives: readonly MatchAlternative[]) {
    super(alternatives);
  }
}
