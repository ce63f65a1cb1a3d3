import { grammarFor, GrammarField, SubjectGrammar } from "./grammars";
import { profileOf } from "../../trust/issuers";
import type { IssuerKind } from "../../trust/issuers";
import { literalPrefix, literalTail, PatternToken } from "./pattern";
import { Pins } from "./pins";

/** What a subject value admits, read against its issuer's grammar. */
export interface SubjectScope {
  readonly pins: Pins;
  /** Set when no token of the issuer can match (wrong case, wrong prefix, too short). */
  readonly never?: string;
  /** The literal tenant (owner, group, organization) when pinned. */
  readonly tenant?: string;
  /** The first field a wildcard opens, e.g. `owner`. */
  readonly openField?: string;
  /** Pull-request / fork-reachable context. */
  readonly pullRequest?: boolean;
  /** A GitHub custom subject template that starts with a user-controlled claim. */
  readonly abusableTemplate?: string;
  /** A complete ref name a wildcard extends (`main` in `ref:refs/heads/main*`). */
  readonly extendedRef?: string;
}

type FieldStatus = "pinned" | "prefix" | "any";
interface FieldRead {
  readonly field: GrammarField;
  readonly status: FieldStatus;
  /** Literal text (unknown parts as `\u0000`); for `prefix` the text before the wildcard. */
  readonly text: string;
  readonly unknown: boolean;
}

/**
 * Reads a subject pattern against the issuer's grammar and says what it pins.
 *
 * @example
 * subjectScope(tokenize("repo:octo/*", true), "github-actions", true).pins.repository; // false
 */
export function subjectScope(tokens: readonly PatternToken[], kind: IssuerKind, shared: boolean): SubjectScope {
  const grammar = grammarFor(kind, literalPrefix(tokens));
  if (!grammar) return genericScope(tokens);
  const templates = profileOf(kind).subjectTemplates;
  if (templates) {
    const first = firstLiteralSegment(tokens);
    if (first !== undefined && templates.keys.includes(first) && first !== "repo") return customTemplate(tokens, grammar, new Set(templates.abusable));
  }
  return readGrammar(tokens, grammar, shared);
}

/** The text before the first `:` when it is all literal. */
function firstLiteralSegment(tokens: readonly PatternToken[]): string | undefined {
  let s = "";
  for (const t of tokens) {
    if (t.t !== "lit") return undefined;
    if (t.c === ":") return s;
    s += t.c;
  }
  return undefined;
}

function readGrammar(tokens: readonly PatternToken[], grammar: SubjectGrammar, shared: boolean): SubjectScope {
  const reads: FieldRead[] = [];
  let i = 0;
  let open: "wild" | "unknown" | undefined;
  for (const field of grammar.fields) {
    if (open) {
      reads.push({ field, status: open === "wild" ? "any" : "pinned", text: "", unknown: open === "unknown" });
      continue;
    }
    for (const ch of field.lead) {
      const tok = tokens[i];
      if (tok === undefined) {
        return { pins: noPins(), never: `it ends before the ${field.name} (the issuer's subjects read ${grammar.form})` };
      }
      if (tok.t === "star") {
        open = "wild";
        break;
      }
      if (tok.t === "unknown") {
        open = "unknown";
        break;
      }
      if (tok.t === "lit" && tok.c !== ch) {
        return {
          pins: noPins(),
          never: `expected ${JSON.stringify(field.lead)} where it has ${JSON.stringify(tok.c)} (subjects read ${grammar.form}, compared case-sensitively)`,
        };
      }
      i++;
    }
    if (open) {
      reads.push({ field, status: open === "wild" ? "any" : "pinned", text: "", unknown: open === "unknown" });
      continue;
    }
    let text = "";
    let status: FieldStatus = "pinned";
    let unknown = false;
    while (i < tokens.length) {
      const tok = tokens[i];
      if (tok.t === "lit" && field.stop.includes(tok.c)) break;
      if (tok.t === "star") {
        if (status === "pinned") status = text.length > 0 ? "prefix" : "any";
        open = "wild";
        i = tokens.length;
        break;
      }
      if (tok.t === "one") {
        if (status === "pinned") status = text.length > 0 ? "prefix" : "any";
      } else if (status === "pinned") {
        text += tok.t === "lit" ? tok.c : "\u0000";
        if (tok.t === "unknown") unknown = true;
      }
      i++;
    }
    reads.push({ field, status, text, unknown });
  }
  return scopeFromReads(reads, tokens, grammar, shared);
}

function scopeFromReads(reads: readonly FieldRead[], tokens: readonly PatternToken[], grammar: SubjectGrammar, shared: boolean): SubjectScope {
  const of = (role: string) => reads.filter((r) => r.field.role === role);
  const tenantReads = of("tenant");
  const tenant = !shared || tenantReads.every((r) => r.status === "pinned");
  const repository = of("repository").every((r) => r.status === "pinned");
  const contextReads = of("context");
  let context = contextReads.every((r) => contextPinned(r));
  if (!context && tokens.some((t) => t.t === "star")) context = grammar.tailPinsContext(literalTail(tokens));
  const immutable = (r: FieldRead | undefined) => r !== undefined && r.status === "pinned" && !!r.field.immutableSuffix && /@[0-9]+$/.test(r.text);
  const contextText = contextReads.length === 1 && contextReads[0].status === "pinned" ? contextReads[0].text : undefined;
  const tail = literalTail(tokens);
  const pullRequest =
    grammar.pullRequestContext !== undefined &&
    ((contextText !== undefined && grammar.pullRequestContext(contextText)) || (tokens.some((t) => t.t === "star") && tail.endsWith(":pull_request")));
  const first = reads.find((r) => r.status !== "pinned");
  const extended = contextReads.map(extendedRefName).find((n) => n !== undefined);
  return {
    pins: {
      tenant,
      repository,
      context,
      tenantImmutable: shared && immutable(tenantReads[0]),
      repositoryImmutable: immutable(of("repository")[0]),
      assumed: reads.some((r) => r.unknown),
    },
    tenant: tenantReads.length > 0 && tenantReads[0].status === "pinned" && !tenantReads[0].unknown ? tenantReads[0].text.replace(/@[0-9]+$/, "") : undefined,
    openField: first?.field.name,
    pullRequest,
    ...(extended !== undefined ? { extendedRef: extended } : {}),
  };
}

function contextPinned(read: FieldRead): boolean {
  if (read.status === "pinned") return true;
  if (read.status === "any") return false;
  const kinds = read.field.kinds;
  if (!kinds) return read.text.length > 0;
  if (extendedRefName(read) !== undefined) return false;
  return kinds.some((k) => read.text.startsWith(k) && read.text.length > k.length);
}

/**
 * A git ref name followed directly by a wildcard (`ref:refs/heads/main*`): the `*` extends a complete
 * name, so it also admits `main-x`, which anyone who can push can create. A one-character prefix
 * (`refs/tags/v*`) or a prefix ending with a separator (`release/*`, `v1.*`) names a family on purpose.
 * Environments are not refs (admins create them) and keep their prefix pins.
 */
function extendedRefName(read: FieldRead): string | undefined {
  if (read.status !== "prefix") return undefined;
  const kind = read.field.kinds?.find((k) => /ref/.test(k) && !/pull/.test(k) && read.text.startsWith(k));
  if (kind === undefined) return undefined;
  const name = read.text.slice(kind.length);
  return name.length > 1 && /[A-Za-z0-9]$/.test(name) && !name.includes("\u0000") ? name : undefined;
}

/**
 * Customised subject templates (GitHub) (`repository_owner_id:123:repository_id:456:environment:prod`):
 * `:`-separated claim names and values, read pairwise until the first wildcard.
 */
function customTemplate(tokens: readonly PatternToken[], grammar: SubjectGrammar, abusable: ReadonlySet<string>): SubjectScope {
  const segments: { text: string; wild: boolean; unknown: boolean }[] = [];
  let cur = { text: "", wild: false, unknown: false };
  let starAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.t === "star") {
      starAt = i;
      cur.wild = true;
      break;
    }
    if (tok.t === "lit" && tok.c === ":") {
      segments.push(cur);
      cur = { text: "", wild: false, unknown: false };
      continue;
    }
    if (tok.t === "one") cur.wild = true;
    else if (tok.t === "unknown") {
      cur.unknown = true;
      cur.text += "\u0000";
    } else cur.text += tok.c;
  }
  segments.push(cur);
  let tenant = false;
  let repository = false;
  let tenantImmutable = false;
  let repositoryImmutable = false;
  let tenantName: string | undefined;
  for (let k = 0; k + 1 < segments.length; k++) {
    const key = segments[k];
    const value = segments[k + 1];
    if (key.wild || value.wild) break;
    switch (key.text) {
      case "repository_owner_id":
        tenant = tenantImmutable = true;
        break;
      case "repository_owner":
        tenant = true;
        tenantName = value.text;
        break;
      case "repository_id":
        tenant = repository = tenantImmutable = repositoryImmutable = true;
        break;
      case "repository":
      case "repo":
        if (value.text.includes("/")) {
          tenant = repository = true;
          tenantName = value.text.split("/")[0];
        }
        break;
    }
  }
  const context = starAt < 0 || grammar.tailPinsContext(literalTail(tokens));
  const firstKey = segments[0].wild ? undefined : segments[0].text;
  return {
    pins: { tenant, repository, context, tenantImmutable, repositoryImmutable, assumed: segments.some((s) => s.unknown) },
    tenant: tenantName,
    openField: !tenant ? "owner" : !repository ? "repository" : !context ? "context" : undefined,
    abusableTemplate: firstKey !== undefined && abusable.has(firstKey) ? firstKey : undefined,
    pullRequest: literalTail(tokens).endsWith(":pull_request") || segments.some((s) => s.text === "pull_request"),
  };
}

/** Issuers without a known grammar: an exact value or a pattern with literal text pins one workload; a bare wildcard pins nothing. */
function genericScope(tokens: readonly PatternToken[]): SubjectScope {
  const literal = tokens.some((t) => t.t === "lit" || t.t === "unknown");
  const pinned = literal;
  return {
    pins: {
      tenant: pinned,
      repository: pinned,
      context: pinned,
      tenantImmutable: false,
      repositoryImmutable: false,
      assumed: tokens.some((t) => t.t === "unknown"),
    },
    openField: pinned ? undefined : "subject",
  };
}

function noPins(): Pins {
  return { tenant: true, repository: true, context: true, tenantImmutable: false, repositoryImmutable: false, assumed: false };
}
