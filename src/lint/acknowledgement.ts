import { quote } from "../trust/errors";
import type { Acknowledgement } from "./acknowledgement-type";
import { ALL_RULES } from "./rules/index";

export type { Acknowledgement } from "./acknowledgement-type";

/** The smallest reason an acknowledgement must give. */
export const MIN_REASON_LENGTH = 10;

/** The marker that starts an in-source acknowledgement, in an HCL comment or a JSON `"//"` property. */
export const ACKNOWLEDGE_MARKER = "wif:acknowledge";

/** The forms of an in-source acknowledgement, as messages show them. */
export const ACKNOWLEDGE_SYNTAX = "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>";
const ACKNOWLEDGE_SYNTAX_ONE = "wif:acknowledge WIF004[repo:octo/app:*] reason: <why>";
const OBJECT_SYNTAX = '{ rule: "WIF004", appliesTo?: ["<finding value>", ...], reason: "<why, at least 10 characters>" }';

/** What reading acknowledgements found: the valid ones, and one message per invalid one. */
export interface ParsedAcknowledgements {
  readonly acknowledgements: readonly Acknowledgement[];
  readonly problems: readonly string[];
}

/** Every message about an acknowledgement, in one place: what is wrong, quoting it, and how to write it. */
export const ACKNOWLEDGEMENT_MESSAGES = {
  notAList: (value: unknown) => `expected a list of ${OBJECT_SYNTAX}, got ${quote(value)}.`,
  notAnObject: (value: unknown) => `expected ${OBJECT_SYNTAX}, got ${quote(value)}.`,
  unknownKey: (key: string) => `unknown key ${quote(key)}: an acknowledgement takes rule, appliesTo and reason.`,
  unknownRule: (rule: unknown) => `${quote(rule)} is not a rule id. Known rules: ${ALL_RULES.map((r) => r.meta.id).join(", ")}.`,
  badAppliesTo: (rule: string, value: unknown) =>
    `appliesTo of ${rule} is ${quote(value)}: give a non-empty list of the finding values it covers (the "value" of each finding), or leave it out to cover the rule.`,
  shortReason: (rule: string, reason: unknown) =>
    `the reason for acknowledging ${rule} is ${quote(reason)}; give at least ${MIN_REASON_LENGTH} characters saying why the risk is acceptable here.`,
  malformedComment: (text: string) =>
    `malformed acknowledgement ${quote(text)}: write it as "${ACKNOWLEDGE_SYNTAX}" (or "${ACKNOWLEDGE_SYNTAX_ONE}" for one finding).`,
  malformedJson: (value: unknown) => `malformed acknowledgement ${quote(value)}: write "wif": { "acknowledge": [${OBJECT_SYNTAX}] }.`,
} as const;

const KEYS = new Set(["rule", "appliesTo", "reason"]);

/**
 * Checks one acknowledgement given as data (a construct prop, JSON, a config file): returns it, or the
 * message that says what is wrong. The one place that knows the reason rule and the rule ids.
 */
export function checkAcknowledgement(value: unknown): Acknowledgement | { readonly problem: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { problem: ACKNOWLEDGEMENT_MESSAGES.notAnObject(value) };
  const unknown = Object.keys(value).find((k) => !KEYS.has(k));
  if (unknown !== undefined) return { problem: ACKNOWLEDGEMENT_MESSAGES.unknownKey(unknown) };
  const { rule, appliesTo, reason } = value as Record<string, unknown>;
  if (typeof rule !== "string" || !ALL_RULES.some((r) => r.meta.id === rule)) return { problem: ACKNOWLEDGEMENT_MESSAGES.unknownRule(rule) };
  if (appliesTo !== undefined && !(Array.isArray(appliesTo) && appliesTo.length > 0 && appliesTo.every((v) => typeof v === "string" && v.length > 0))) {
    return { problem: ACKNOWLEDGEMENT_MESSAGES.badAppliesTo(rule, appliesTo) };
  }
  if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) return { problem: ACKNOWLEDGEMENT_MESSAGES.shortReason(rule, reason) };
  return appliesTo === undefined ? { rule, reason: reason.trim() } : { rule, appliesTo: [...(appliesTo as string[])], reason: reason.trim() };
}

/** Checks a list of acknowledgements given as data; see `checkAcknowledgement`. */
export function checkAcknowledgements(value: unknown): ParsedAcknowledgements {
  if (value === undefined) return EMPTY;
  if (!Array.isArray(value)) return { acknowledgements: [], problems: [ACKNOWLEDGEMENT_MESSAGES.notAList(value)] };
  return merge(
    value.map((entry, i) => {
      const checked = checkAcknowledgement(entry);
      return "problem" in checked ? { acknowledgements: [], problems: [`[${i}]: ${checked.problem}`] } : { acknowledgements: [checked], problems: [] };
    }),
  );
}

const COMMENT_FORM = /^wif:acknowledge[ \t]+(WIF\d{3})(?:\[([^\]]+)\])?[ \t]+reason:[ \t]*(.*?)[ \t]*$/;

/**
 * Reads the acknowledgements in a comment's text: every line that starts (after comment markers and
 * blanks) with `wif:acknowledge` must read `wif:acknowledge WIFnnn reason: <reason>`, or
 * `wif:acknowledge WIFnnn[<finding value>] reason: <reason>` for one finding; anything else on such a
 * line is reported as malformed, never silently ignored.
 *
 * @example
 * parseAcknowledgementComment("wif:acknowledge WIF004 reason: read-only role for every branch");
 * // { acknowledgements: [{ rule: "WIF004", reason: "read-only role for every branch" }], problems: [] }
 */
export function parseAcknowledgementComment(text: string): ParsedAcknowledgements {
  const parts: ParsedAcknowledgements[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^[\s*#/]*/, "").trimEnd();
    if (!line.startsWith(ACKNOWLEDGE_MARKER)) continue;
    const match = COMMENT_FORM.exec(line);
    if (!match) {
      parts.push({ acknowledgements: [], problems: [ACKNOWLEDGEMENT_MESSAGES.malformedComment(line)] });
      continue;
    }
    const [, rule, one, reason] = match;
    const checked = checkAcknowledgement(one === undefined ? { rule, reason } : { rule, appliesTo: [one], reason });
    parts.push("problem" in checked ? { acknowledgements: [], problems: [checked.problem] } : { acknowledgements: [checked], problems: [] });
  }
  return merge(parts);
}

/**
 * Reads the acknowledgements of a Terraform JSON block from its `"//"` comment property (Terraform
 * ignores it): a string or a list of strings in the comment syntax, or an object — cdktf keeps its
 * metadata there — with `"wif": { "acknowledge": [{ "rule": "WIF004", "appliesTo": [...], "reason": "..." }] }`
 * (what `resource.addOverride("//.wif.acknowledge", [...])` writes).
 */
export function acknowledgementsFromJsonComment(comment: unknown): ParsedAcknowledgements {
  if (typeof comment === "string") return parseAcknowledgementComment(comment);
  if (Array.isArray(comment)) return merge(comment.map(acknowledgementsFromJsonComment));
  if (!isObject(comment) || comment.wif === undefined) return EMPTY;
  const entries = isObject(comment.wif) ? comment.wif.acknowledge : undefined;
  if (!Array.isArray(entries)) return { acknowledgements: [], problems: [ACKNOWLEDGEMENT_MESSAGES.malformedJson(comment.wif)] };
  return merge(
    entries.map((entry) => {
      const checked = checkAcknowledgement(entry);
      return "problem" in checked
        ? { acknowledgements: [], problems: [`${ACKNOWLEDGEMENT_MESSAGES.malformedJson(entry)} (${checked.problem})`] }
        : { acknowledgements: [checked], problems: [] };
    }),
  );
}

/** Whether `ack` covers the finding of `rule` with `value` (cdk-nag's `appliesTo`: exact values). */
export function acknowledgementApplies(ack: Acknowledgement, finding: { readonly rule: string; readonly value: string }): boolean {
  return ack.rule === finding.rule && (ack.appliesTo === undefined || ack.appliesTo.includes(finding.value));
}

/** The first acknowledgement that covers the finding, if any. */
export function findAcknowledgement(acks: readonly Acknowledgement[], finding: { readonly rule: string; readonly value: string }): Acknowledgement | undefined {
  return acks.find((a) => acknowledgementApplies(a, finding) && a.reason.trim().length >= MIN_REASON_LENGTH);
}

/** The acknowledgements that cover none of the findings: each would silently hide a future finding. */
export function unusedAcknowledgements(
  acks: readonly Acknowledgement[],
  findings: readonly { readonly rule: string; readonly value: string }[],
): readonly Acknowledgement[] {
  return acks.filter((a) => !findings.some((f) => acknowledgementApplies(a, f)));
}

/** How an acknowledgement reads in messages: `WIF004` or `WIF004[repo:octo/app:*]`. */
export function describeAcknowledgement(ack: Acknowledgement): string {
  return ack.appliesTo === undefined ? ack.rule : ack.appliesTo.map((v) => `${ack.rule}[${v}]`).join(", ");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const EMPTY: ParsedAcknowledgements = { acknowledgements: [], problems: [] };

function merge(parts: readonly ParsedAcknowledgements[]): ParsedAcknowledgements {
  return { acknowledgements: parts.flatMap((p) => p.acknowledgements), problems: parts.flatMap((p) => p.problems) };
}
