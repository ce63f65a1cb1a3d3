import type { ClaimCheck, StatementFacts, TrustFacts } from "../facts";
import { claimPins, ifExistsSkippable, isIdentityClaim } from "./claim-pins";
import { tokenize } from "./pattern";
import { allOf, anyOf, ASSUMED_PINS, NO_PINS, Pins, Reach, reachOf } from "./pins";
import { SubjectScope, subjectScope } from "./subject-scope";

/** One subject value read against the issuer grammar. */
export interface SubjectValueScope {
  readonly check: ClaimCheck;
  readonly value: string;
  readonly scope: SubjectScope;
}

/** Who can get in through one statement. */
export interface StatementReach {
  readonly statement: StatementFacts;
  /**
   * `unrestricted`: no check on the subject or an identity claim (WIF001); `never`: no token can
   * match (broken, WIF007); otherwise the widest set of workloads that match.
   */
  readonly reach: Reach | "unrestricted" | "never";
  readonly pins: Pins;
  /** The value that decides the reach (the widest subject value, or a description). */
  readonly value: string;
  readonly subjects: readonly SubjectValueScope[];
  /** The only identity check is `job_workflow_ref`. */
  readonly jobWorkflowOnly: boolean;
  /**
   * With `jobWorkflowOnly`: true when some accepted `job_workflow_ref` leaves the workflow's owner open
   * (`*`, or a pattern whose first segment has a wildcard), so workflows of any tenant match (WIF002).
   */
  readonly jobWorkflowOwnerOpen: boolean;
  /** The tenant the subject names, when literal. */
  readonly tenant?: string;
}

/**
 * True when a check may constrain who can match. Negations, tautologies, unread checks (an operator
 * or expression the engine does not read: it never counts as a restriction) and `ForAllValues:` on
 * single-valued claims (true when the claim is missing) do not.
 */
export function isPositive(check: ClaimCheck): boolean {
  if (check.setOperator === "ForAllValues" && check.claim !== "amr") return false;
  return check.operator !== "negated" && check.operator !== "constrains-nothing" && check.operator !== "unread";
}

/**
 * What a positive check on `sub` pins (the caller passes positive checks only): what all its values read
 * as subjects pin. A regex the reader could not translate has no such value: it pins nothing. `sub` is
 * always present, so `StringLikeIfExists` on it pins exactly as `StringLike`.
 */
function subjectCheckPins(check: ClaimCheck, scopes: readonly SubjectValueScope[]): Pins {
  // A value unknown until apply is assumed to pin (and reported, WIF011).
  if (check.operator === "unknown") return ASSUMED_PINS;
  const live = scopes.filter((s) => s.check === check && s.scope.never === undefined);
  return anyOf(live.map((s) => s.scope.pins));
}

/**
 * Computes the reach of one statement: checks AND together, the values of one check OR together.
 *
 * @example
 * statementReach(facts, facts.statements[0]).reach; // "one-tenant" for repo:octo/*
 */
export function statementReach(facts: TrustFacts, statement: StatementFacts): StatementReach {
  const { kind, shared } = facts.issuer;
  const subjects: SubjectValueScope[] = statement.subject.flatMap((check) =>
    isPositive(check) && (check.operator === "equals" || check.operator === "like" || check.operator === "equals-ignore-case")
      ? check.values.map((value) => ({ check, value, scope: valueScope(check, value, kind, shared) }))
      : [],
  );
  const positiveSubject = statement.subject.filter(isPositive);
  const identityClaims = statement.claims.filter(
    (c) => isPositive(c) && (isIdentityClaim(kind, c.claim) || c.operator === "unknown" || c.claim.startsWith("attribute.")),
  );
  const claimPinList = statement.claims.map((c) => claimPins(kind, c));
  const jobWorkflowOnly = positiveSubject.length === 0 && identityClaims.length > 0 && identityClaims.every((c) => c.claim === "job_workflow_ref");
  const tenant = subjects.find((s) => s.scope.tenant !== undefined)?.scope.tenant;
  const jobWorkflowOwnerOpen = jobWorkflowOnly && !identityClaims.some(pinsWorkflowOwner);
  const base = { statement, subjects, jobWorkflowOnly, jobWorkflowOwnerOpen, tenant };

  if (statement.never !== undefined) return { ...base, reach: "never", pins: NO_PINS, value: statement.never.value };
  if (positiveSubject.length === 0 && identityClaims.length === 0) {
    return { ...base, reach: "unrestricted", pins: NO_PINS, value: describeChecks(statement) };
  }
  const deadChecks = positiveSubject.filter(
    (c) => subjects.some((s) => s.check === c) && subjects.filter((s) => s.check === c).every((s) => s.scope.never !== undefined),
  );
  if (deadChecks.length > 0) {
    return { ...base, reach: "never", pins: NO_PINS, value: deadChecks[0].values.join(", ") };
  }
  const pins = allOf([...positiveSubject.map((c) => subjectCheckPins(c, subjects)), ...claimPinList]);
  const reach = reachOf(pins, shared);
  // The offending value: the subject value that alone (with the other claims) reaches widest.
  let value =
    positiveSubject[0]?.values.join(", ") ??
    identityClaims.map((c) => (c.native.includes(c.claim) ? c.native : `${c.claim}=${c.values.join("|")}`)).join(" && ");
  const order: readonly Reach[] = ["any-tenant", "one-tenant", "one-repository", "one-context"];
  const widest = order.indexOf(reach);
  // Of values that reach as wide, one that opens the whole field (`repo:o/a:*`) before one that only
  // extends a name (`...:refs/heads/main*`), so the finding is worded by the wider of the two.
  const widestSubjects = subjects.filter(
    (s) => s.scope.never === undefined && order.indexOf(reachOf(allOf([s.scope.pins, ...claimPinList]), shared)) <= widest,
  );
  const chosen = widestSubjects.find((s) => s.scope.extendedRef === undefined) ?? widestSubjects[0];
  if (chosen !== undefined) value = chosen.value;
  return { ...base, reach, pins, value };
}

/**
 * True when every value of a `job_workflow_ref` check names the workflow's owner literally
 * (`octo/wf/.github/workflows/deploy.yml@*`): `OWNER/REPO/PATH@REF`, read up to the first `/`.
 */
function pinsWorkflowOwner(check: ClaimCheck): boolean {
  if (check.operator === "unknown") return true;
  if (check.operator !== "equals" && check.operator !== "like" && check.operator !== "equals-ignore-case") return false;
  if (ifExistsSkippable(check) || check.values.length === 0) return false;
  return check.values.every((v) => {
    const tokens = tokenize(v, check.operator === "like");
    const slash = tokens.findIndex((t) => t.t !== "lit" || t.c === "/");
    return slash > 0 && tokens[slash].t === "lit";
  });
}

function describeChecks(statement: StatementFacts): string {
  const all = [...statement.subject, ...statement.claims, ...statement.audience];
  if (all.length === 0) return "(no conditions)";
  return all.map((c) => `${c.claim} ${c.native} ${c.values.join(", ")}`).join("; ");
}

function valueScope(check: ClaimCheck, value: string, kind: TrustFacts["issuer"]["kind"], shared: boolean): SubjectScope {
  const raw = tokenize(value, check.operator === "like");
  // StringEqualsIgnoreCase: `REPO:octo/app:...` matches `repo:octo/app:...`. The grammars' literals are
  // lower case, so the value is read lower-cased; the pin on names is case-insensitive, which GitHub
  // owner and repository names are anyway.
  const tokens = check.operator === "equals-ignore-case" ? raw.map((t) => (t.t === "lit" ? { t: "lit" as const, c: t.c.toLowerCase() } : t)) : raw;
  if (check.operator !== "like" && tokens.some((t) => t.t === "lit" && (t.c === "*" || t.c === "?"))) {
    return { pins: ASSUMED_PINS, never: `${check.native} compares the wildcard literally` };
  }
  return subjectScope(tokens, kind, shared);
}
