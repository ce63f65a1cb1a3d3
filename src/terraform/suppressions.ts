import type { Acknowledgement } from "../lint/acknowledgement";
import { INPUT_MESSAGES } from "./input-messages";

/** The marker that starts an in-source suppression, in an HCL comment or a JSON `"//"` property. */
export const ACKNOWLEDGE_MARKER = "wif:acknowledge";

/** Minimum length of a suppression's reason, as for construct acknowledgements. */
export const MIN_REASON_LENGTH = 10;

/** What parsing suppression text found: the acknowledgements and one message per malformed one. */
export interface ParsedAcknowledgements {
  readonly acknowledgements: readonly Acknowledgement[];
  readonly problems: readonly string[];
}

const FORM = /^wif:acknowledge[ \t]+(WIF\d{3})[ \t]+reason:[ \t]*(.*?)[ \t]*$/;

/**
 * Reads the suppressions in a comment's text: every line that starts (after comment markers and
 * blanks) with `wif:acknowledge` must read `wif:acknowledge WIFnnn reason: <reason>`; anything else
 * on such a line is reported as malformed, never silently ignored.
 *
 * @example
 * parseAcknowledgements("wif:acknowledge WIF004 reason: read-only role for every branch");
 * // { acknowledgements: [{ rule: "WIF004", reason: "read-only role for every branch" }], problems: [] }
 */
export function parseAcknowledgements(text: string): ParsedAcknowledgements {
  const acknowledgements: Acknowledgement[] = [];
  const problems: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^[\s*#/]*/, "").trimEnd();
    if (!line.startsWith(ACKNOWLEDGE_MARKER)) continue;
    const match = FORM.exec(line);
    if (!match) {
      problems.push(INPUT_MESSAGES.malformedSuppression(line));
    } else if (match[2].length < MIN_REASON_LENGTH) {
      problems.push(INPUT_MESSAGES.shortReason(match[1], match[2], MIN_REASON_LENGTH));
    } else {
      acknowledgements.push({ rule: match[1], reason: match[2] });
    }
  }
  return { acknowledgements, problems };
}

/**
 * Reads the suppressions of a Terraform JSON block from its `"//"` comment property (Terraform
 * ignores it): a string or a list of strings in the comment syntax
 * (`"//": "wif:acknowledge WIF004 reason: ..."`), or an object — cdktf keeps its metadata there —
 * with `"wif": { "acknowledge": [{ "rule": "WIF004", "reason": "..." }] }` (what
 * `resource.addOverride("//.wif.acknowledge", [...])` writes, and the rule engine reads).
 *
 * @example
 * acknowledgementsFromJsonComment({ metadata: {}, wif: { acknowledge: [{ rule: "WIF004", reason: "read-only role for every branch" }] } });
 */
export function acknowledgementsFromJsonComment(comment: unknown): ParsedAcknowledgements {
  if (typeof comment === "string") return parseAcknowledgements(comment);
  if (Array.isArray(comment)) return merge(comment.map(acknowledgementsFromJsonComment));
  if (!isObject(comment) || comment.wif === undefined) return EMPTY;
  const entries = isObject(comment.wif) ? comment.wif.acknowledge : undefined;
  if (!Array.isArray(entries)) {
    return { acknowledgements: [], problems: [INPUT_MESSAGES.malformedJsonSuppression(comment.wif)] };
  }
  return merge(entries.map(fromJsonEntry));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const EMPTY: ParsedAcknowledgements = { acknowledgements: [], problems: [] };

function fromJsonEntry(entry: unknown): ParsedAcknowledgements {
  const rule = (entry as { rule?: unknown } | null)?.rule;
  const reason = (entry as { reason?: unknown } | null)?.reason;
  if (typeof rule !== "string" || typeof reason !== "string") {
    return {
      acknowledgements: [],
      problems: [INPUT_MESSAGES.malformedJsonEntry(entry)],
    };
  }
  return parseAcknowledgements(`${ACKNOWLEDGE_MARKER} ${rule} reason: ${reason}`);
}

function merge(parts: readonly ParsedAcknowledgements[]): ParsedAcknowledgements {
  return {
    acknowledgements: parts.flatMap((p) => p.acknowledgements),
    problems: parts.flatMap((p) => p.problems),
  };
}
