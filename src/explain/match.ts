import { tokenize, PatternToken } from "../lint/analysis/pattern";

/** How a condition value compares to a claim value. */
export type MatchResult = "match" | "no-match" | "unknown";

/**
 * Matches a claim value against a condition value written in Terraform: `glob` makes `*` and `?`
 * wildcards (AWS `${*}`, `${?}`, `${$}` stay literal), `ignoreCase` compares case-insensitively, and
 * a part unknown here (`${var.x}`) makes the answer `unknown` when the value could match with it
 * standing for anything, `no-match` when it could not.
 *
 * @example
 * matchValue("repo:octo/*", "repo:octo/app:ref:refs/heads/main", { glob: true }); // "match"
 * matchValue("repo:${var.org}/app:*", "repo:octo/app:pull_request", { glob: true }); // "unknown"
 */
export function matchValue(pattern: string, value: string, options: { readonly glob: boolean; readonly ignoreCase?: boolean }): MatchResult {
  const tokens = options.glob ? tokenize(pattern, true) : literalTokens(pattern);
  const hasUnknown = tokens.some((t) => t.t === "unknown");
  const lower = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  const ok = matchTokens(
    tokens.map((t) => (t.t === "lit" ? { t: "lit", c: lower(t.c) } : t)),
    lower(value),
  );
  if (!ok) return "no-match";
  return hasUnknown ? "unknown" : "match";
}

const ESCAPES: Readonly<Record<string, string>> = { "${*}": "\uE000", "${?}": "\uE001", "${$}": "\uE002" };
const UNESCAPE: Readonly<Record<string, string>> = { "\uE000": "${*}", "\uE001": "${?}", "\uE002": "${$}" };

/**
 * Tokens of a value compared exactly: AWS's `${*}`, `${?}`, `${$}` are escapes only in `StringLike`
 * (the IAM policy simulator compares them as written in `StringEquals`), so here they stay text.
 */
function literalTokens(pattern: string): PatternToken[] {
  const hidden = pattern.replace(/\$\{[*?$]\}/g, (e) => ESCAPES[e]);
  return tokenize(hidden, false).flatMap((t): PatternToken[] =>
    t.t === "lit" && UNESCAPE[t.c] !== undefined ? [...UNESCAPE[t.c]].map((c) => ({ t: "lit", c })) : [t],
  );
}

/** Token glob match, one boolean row (no backtracking); `?` is one UTF-16 code unit (AWS); unknown parts match anything. */
function matchTokens(tokens: readonly PatternToken[], v: string): boolean {
  const n = v.length;
  let row = new Uint8Array(n + 1);
  row[0] = 1;
  let next = new Uint8Array(n + 1);
  for (const t of tokens) {
    next.fill(0);
    if (t.t === "star" || t.t === "unknown") {
      let any = 0;
      for (let j = 0; j <= n; j++) {
        any |= row[j];
        next[j] = any;
      }
    } else if (t.t === "one") {
      for (let j = 1; j <= n; j++) next[j] = row[j - 1];
    } else {
      const c = t.c;
      for (let j = 1; j <= n; j++) next[j] = row[j - 1] === 1 && v.charAt(j - 1) === c ? 1 : 0;
    }
    const swap = row;
    row = next;
    next = swap;
  }
  return row[n] === 1;
}

/** The unknown `${...}` parts of values (AWS escapes excluded). */
export function unknownsOf(values: readonly string[]): string[] {
  return values.flatMap((v) => tokenize(v, false).flatMap((t) => (t.t === "unknown" ? [t.expr] : [])));
}
