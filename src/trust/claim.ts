import { checkConditionValue, flattenAlternatives, MatchAlternative, StringCondition } from "./string-condition";

/**
 * A condition on one token claim other than `iss`, `sub` and `aud` (e.g. `repository_owner_id`).
 * A token without the claim never matches.
 *
 * @example
 * Claim.equals("1234567");
 * Claim.like("octo-org/shared/.github/workflows/deploy.yml@refs/heads/*");
 */
export class Claim extends StringCondition {
  /** The claim equals this value (literal, case-sensitive). */
  public static equals(value: string): Claim {
    return new Claim([{ kind: "exact", value: checkConditionValue("Claim.equals", value, "exact") }]);
  }

  /** The claim equals one of these values; `Claim.like(...)` entries are patterns. */
  public static anyOf(values: readonly (string | Claim)[]): Claim {
    return new Claim(flattenAlternatives("Claim.anyOf", values));
  }

  /** The claim matches this glob pattern (`*` any run of characters, `?` one character). */
  public static like(pattern: string): Claim {
    return new Claim([{ kind: "like", pattern: checkConditionValue("Claim.like", pattern, "like") }]);
  }

  private constructor(alternatives: readonly MatchAlternative[]) {
    super(alternatives);
  }
}
