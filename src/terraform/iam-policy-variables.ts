import { templateParts } from "../lint/analysis/pattern";

/**
 * IAM policy variables in condition values: `${token.actions.githubusercontent.com:actor}` (in a
 * policy document written `&{...}`, which the provider renders as `${...}`) is replaced by IAM with
 * the value of that key in the request, i.e. by the caller's own claim. A value built on one admits
 * whatever the caller's token says there, so it is judged as a wildcard in its place:
 * `repo:acme/${...:actor}:ref:refs/heads/main` admits other repositories of `acme` (WIF003), not
 * one unknown repository. IAM's escapes `${*}`, `${?}`, `${$}` are not variables.
 */

/** `${key}` or `${key, 'default'}` (a default in double quotes too) where the key has a prefix (`issuer:claim`, `aws:name`). */
const BODY = String.raw`\{\s*[A-Za-z0-9][A-Za-z0-9._/-]*:[A-Za-z0-9_.:/-]+\s*(,\s*('[^']*'|"[^"]*")\s*)?\}`;
const DOLLAR = new RegExp(String.raw`\$` + BODY, "g");
/** In `aws_iam_policy_document`, `&{...}` is the written form of `${...}`. */
const DOLLAR_OR_AMPERSAND = new RegExp("[$&]" + BODY, "g");

/** `[ForAllValues:|ForAnyValue:]String[Not]Equals[IgnoreCase][IfExists]`, any case, as IAM reads operator names. */
const EQUALS_FAMILY = /^(ForAllValues:|ForAnyValue:)?String(Not)?Equals(IgnoreCase)?(IfExists)?$/i;

export interface ConditionEntry {
  readonly op: string;
  readonly key: string;
  readonly values: readonly string[];
  /** Set when an `...IgnoreCase` operator was read as `StringLike` on lower-cased text: the comparison ignores case. */
  readonly ignoresCase?: boolean;
  /** Set when policy variables were widened: the operator and values as written, for `substitutePolicyVariables`. */
  readonly asWritten?: PolicyVariableCondition;
}

/** A condition whose values hold IAM policy variables, as written. */
export interface PolicyVariableCondition {
  readonly op: string;
  readonly values: readonly string[];
  readonly form: "json" | "policy-document";
}

/** A text, or what stands instead of one: none in the request (`"missing"`), or not known (`"unknown"`). */
export type VariableText = { readonly text: string } | "missing" | "unknown";

/**
 * The value as IAM compares it for one request: each policy variable replaced by `lookup(key)`, or
 * by its default when the request has no value (`"missing"`); a replaced text is literal (its `*`
 * and `?` escaped under `StringLike`). `"missing"` when a variable has neither; `"unknown"` when
 * `lookup` cannot tell.
 */
export function substitutePolicyVariables(value: string, c: PolicyVariableCondition, lookup: (key: string) => VariableText): VariableText {
  const like = /Like/i.test(c.op);
  let outcome: "missing" | "unknown" | undefined;
  const replaced = value.replace(variables(c.form), (match: string, _comma: string | undefined, quoted: string | undefined) => {
    const found = lookup(match.slice(2, -1).split(",")[0].trim());
    const text = found === "missing" && quoted !== undefined ? { text: quoted.slice(1, -1) } : found;
    if (typeof text === "string") {
      outcome ??= text;
      return "";
    }
    return like ? escapeWildcards(text.text) : text.text;
  });
  return outcome ?? { text: replaced };
}

/** The policy variables of a value, as its form writes them. */
function variables(form: PolicyVariableCondition["form"]): RegExp {
  return form === "json" ? DOLLAR : DOLLAR_OR_AMPERSAND;
}

/**
 * The condition with each policy variable of its values read as `*`; a `StringEquals` family
 * operator becomes the `StringLike` one, so the `*` matches any value (IAM substitutes first,
 * then compares), with the `*` and `?` it compared as text escaped (`${*}`, `${?}`). Every value of
 * the condition is read so once one holds a variable. IAM has no `StringLikeIgnoreCase`: an `...IgnoreCase` operator becomes the
 * `StringLike` one with the literal text lower-cased, as the lint reads `StringEqualsIgnoreCase`
 * values (its grammars are lower case; names are pinned without case). Unresolved Terraform parts
 * (`${var.x}`) keep their text.
 *
 * @example
 * widenPolicyVariables({ op: "StringEquals", key: "x:sub", values: ["repo:o/${x:actor}:ref:refs/heads/main"] });
 * // { op: "StringLike", key: "x:sub", values: ["repo:o/*:ref:refs/heads/main"] }
 */
export function widenPolicyVariables<T extends ConditionEntry>(c: T, written: "json" | "policy-document" = "json"): T {
  const re = variables(written);
  if (!c.values.some((v) => v.search(re) >= 0)) return c;
  // Only IAM's StringEquals family is rewritten; any other operator keeps its name (one IAM does not have stays unread).
  const equals = EQUALS_FAMILY.exec(c.op);
  const ignoreCase = equals?.[3] !== undefined;
  // Under StringEquals a `*` or `?` is text: escaped, so that StringLike still reads it as text.
  const equalsFamily = equals !== null;
  return {
    ...c,
    op: equals ? `${equals[1] ?? ""}String${equals[2] !== undefined ? "Not" : ""}Like${equals[4] ?? ""}` : c.op,
    ...(ignoreCase ? { ignoresCase: true } : {}),
    asWritten: { op: c.op, values: c.values, form: written },
    values: c.values.map((v) => {
      const widened = (equalsFamily ? mapOutsideUnknowns(v, escapeWildcards) : v).replace(re, "*");
      return ignoreCase ? mapOutsideUnknowns(widened, (text) => text.toLowerCase()) : widened;
    }),
  };
}

/** The text with `f` applied to all but its `${...}` parts (Terraform unknowns, IAM variables and escapes keep their spelling). */
function mapOutsideUnknowns(text: string, f: (literal: string) => string): string {
  return templateParts(text)
    .map((part) => (part.kind === "text" ? f(part.text) : part.text))
    .join("");
}

/** `*` and `?` as IAM's StringLike escapes for them. */
function escapeWildcards(literal: string): string {
  return literal.replace(/[*?]/g, (c) => "${" + c + "}");
}
