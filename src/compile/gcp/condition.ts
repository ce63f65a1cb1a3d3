import { hasGlobWildcard } from "../../trust/glob";
import { StringCondition } from "../../trust/string-condition";
import type { Trust } from "../../trust/trust";
import { celString, claimAccess, globToRe2 } from "./cel";

/**
 * The CEL test that `access` (e.g. `assertion.sub`) satisfies a string condition: `==` for one
 * exact value, `in [...]` for several, an anchored `matches('^...$')` per pattern, OR-ed.
 * A pattern without a wildcard is compared exactly.
 *
 * @example
 * conditionFor("assertion.sub", Subject.anyOf(["a", "b"])); // assertion.sub in ['a', 'b']
 */
export function conditionFor(access: string, condition: StringCondition): string {
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const alt of condition.alternatives) {
    if (alt.kind === "exact") exact.push(alt.value);
    else if (hasGlobWildcard(alt.pattern)) patterns.push(alt.pattern);
    else exact.push(alt.pattern);
  }
  const unique = [...new Set(exact)];
  const tests: string[] = [];
  if (unique.length === 1) tests.push(`${access} == ${celString(unique[0])}`);
  else if (unique.length > 1) tests.push(`${access} in [${unique.map(celString).join(", ")}]`);
  for (const p of patterns) tests.push(`${access}.matches(${celString(globToRe2(p))})`);
  return tests.length === 1 ? tests[0] : `(${tests.join(" || ")})`;
}

/**
 * The `attribute_condition` equivalent to `trust.accepts` for `iss` already verified by the
 * provider and `aud` checked by `allowed_audiences`: the subject test, AND each claim test.
 * A missing claim or one of the wrong type makes the expression false or an evaluation error,
 * and GCP refuses the token either way.
 */
export function attributeCondition(trust: Trust): string {
  const parts = [conditionFor("assertion.sub", trust.subject)];
  for (const name of Object.keys(trust.claims).sort()) {
    parts.push(conditionFor(claimAccess(name), trust.claims[name]));
  }
  return parts.join(" && ");
}
