import type { GrammarField, SubjectGrammar } from "./grammars";
import { grammarsForSubject, profileOf } from "../../trust/issuers";
import type { IssuerKind } from "../../trust/issuers";
import { literalPrefix, literalTail, PatternToken } from "./pattern";
import { anyOf, Pins, Reach, reachOf } from "./pins";

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

/** `prefix`: the field holds any value that starts with `text` (an empty prefix: any value). */
type FieldStatus = "pinned" | "prefix";
interface FieldRead {
  readonly field: GrammarField;
  readonly status: FieldStatus;
  /** Literal text (unknown parts as `\u0000`); for `prefix` the text before the wildcard. */
  readonly text: string;
  readonly unknown: boolean;
}

/**
 * Reads a subject pattern against the issuer's grammar and says what it pins. A value whose literal
 * start fits several grammars of the kind (an unknown first part) is read with each, and admits what
 * any of them admits.
 *
 * @example
 * subjectScope(tokenize("repo:octo/*", true), "github-actions", true).pins.repository; // false
 */
export function subjectScope(tokens: readonly PatternToken[], kind: IssuerKind, shared: boolean): SubjectScope {
  const start = literalPrefix(tokens);
  const grammars = grammarsForSubject(kind, start);
  if (grammars.length === 0) return genericScope(tokens);
  const templates = profileOf(kind).subjectTemplates;
  if (templates) {
    const first = firstLiteralSegment(start);
    if (templates.keys.includes(first) && first !== "repo") return customTemplate(tokens, grammars[0], new Set(templates.abusable));
  }
  return unionOf(
    grammars.map((g) => readGrammar(tokens, g, shared)),
    shared,
  );
}

/** The text before the first `:` of the value's literal start ("" when it has none: never a template key). */
function firstLiteralSegment(start: string): string {
  const colon = start.indexOf(":");
  return colon < 0 ? "" : start.slice(0, colon);
}

/** The most reading steps for one value; past it the rest of the value is read as open (never narrower). */
const MAX_READ_STEPS = 20_000;

/** A field value being read. */
interface Value {
  readonly status: FieldStatus;
  readonly text: string;
  readonly unknown: boolean;
}
const FRESH: Value = { status: "pinned", text: "", unknown: false };

/**
 * Reads the tokens against the grammar. An unknown part (`${var.repo}`) is one value chosen at
 * apply: it pins the fields it covers (assumed, WIF011), but where it ends is not known, so the
 * literal text after it is read at every place of the grammar it can continue from (the rest of
 * the field, or any later field's separator), and the value admits what any of those readings
 * admits. A reading where a literal after an unknown lands in a field that cannot hold it (a
 * GitHub owner never holds `:`) is not a reading: `repo:${var.repo}:*` is one repository (the
 * unknown is OWNER/REPO), any context.
 */
function readGrammar(tokens: readonly PatternToken[], grammar: SubjectGrammar, shared: boolean): SubjectScope {
  const fields = grammar.fields;
  const complete: FieldRead[][] = [];
  let never: string | undefined;
  let steps = 0;
  const fail = (why: string) => {
    never ??= why;
  };
  /** Every field from `f` on open (after a wildcard, or past the step bound). */
  const rest = (reads: readonly FieldRead[], f: number): FieldRead[] => [
    ...reads,
    ...fields.slice(f).map((field) => ({ field, status: "prefix" as const, text: "", unknown: false })),
  ];
  // f: field index; o: offset in the field's lead (o === lead.length: in the value, read so far `v`).
  const walk = (i: number, f: number, o: number, v: Value, reads: readonly FieldRead[]): void => {
    for (;;) {
      if (++steps > MAX_READ_STEPS) {
        complete.push(rest(reads, f));
        return;
      }
      const field = fields[f];
      const tok = tokens[i];
      if (o < field.lead.length) {
        if (tok === undefined) return fail(`it ends before the ${field.name} (the issuer's subjects read ${grammar.form})`);
        if (tok.t === "star") {
          complete.push(rest(reads, f));
          return;
        }
        if (tok.t === "unknown") return branch(i, f, v, reads);
        if (tok.t === "lit" && tok.c !== field.lead[o]) {
          return fail(
            `expected ${JSON.stringify(field.lead)} where it has ${JSON.stringify(tok.c)} (subjects read ${grammar.form}, compared case-sensitively)`,
          );
        }
        i++;
        o++;
        continue;
      }
      if (tok === undefined) {
        if (f === fields.length - 1) complete.push([...reads, { field, ...v }]);
        else fail(`it ends before the ${fields[f + 1].name} (the issuer's subjects read ${grammar.form})`);
        return;
      }
      if (tok.t === "star") {
        complete.push(rest([...reads, { field, ...v, status: "prefix" }], f + 1));
        return;
      }
      if (tok.t === "unknown") return branch(i, f, v, reads);
      if (tok.t === "one") v = { ...v, status: "prefix" };
      else if (field.stop.includes(tok.c)) {
        reads = [...reads, { field, ...v }];
        f++;
        o = 0;
        v = FRESH;
        continue;
      } else if (v.unknown && field.excludes?.includes(tok.c)) {
        // Not a reading (the unknown does not end in this field). It never decides `never`: the reading
        // where the unknown runs on into the last field, which holds any text, always completes.
        return;
      } else if (v.status === "pinned") v = { ...v, text: v.text + tok.c };
      i++;
    }
  };
  /** The unknown at `i` ends somewhere from here on: in this field's value, or in a later field. */
  const branch = (i: number, f: number, v: Value, reads: readonly FieldRead[]): void => {
    const field = fields[f];
    // Inside a field's lead the value is still FRESH (pinned, empty), so this covers both places.
    const covered: Value = { ...v, text: v.status === "pinned" ? v.text + "\u0000" : v.text, unknown: true };
    // Ends inside this field's value.
    walk(i + 1, f, field.lead.length, covered, reads);
    // Ends in a later field (before or after its separator, or inside its value): the fields it
    // covers are pinned by it. It never ends inside a separator (`repo:` is not written in two parts).
    let through: FieldRead[] = [...reads, { field, ...covered }];
    for (let g = f + 1; g < fields.length; g++) {
      walk(i + 1, g, 0, FRESH, through);
      walk(i + 1, g, fields[g].lead.length, FRESH, through);
      walk(i + 1, g, fields[g].lead.length, { status: "pinned", text: "\u0000", unknown: true }, through);
      through = [...through, { field: fields[g], status: "pinned", text: "\u0000", unknown: true }];
    }
  };
  walk(0, 0, 0, FRESH, []);
  // Every reading either completes or fails (naming why), so no complete reading means a reason.
  if (complete.length === 0) return { pins: noPins(), never: never ?? grammar.form };
  return unionOf(
    complete.map((reads) => scopeFromReads(reads, tokens, grammar, shared)),
    shared,
  );
}

/** What a value admits when it may be read several ways: what any reading admits. */
function unionOf(scopes: readonly SubjectScope[], shared: boolean): SubjectScope {
  const live = scopes.filter((s) => s.never === undefined);
  if (live.length === 0) return scopes[0];
  if (live.length === 1) return live[0];
  const order: readonly Reach[] = ["any-tenant", "one-tenant", "one-repository", "one-context"];
  const widest = [...live].sort((a, b) => order.indexOf(reachOf(a.pins, shared)) - order.indexOf(reachOf(b.pins, shared)))[0];
  const tenants = new Set(live.map((s) => s.tenant));
  const extended = live.find((s) => s.extendedRef !== undefined)?.extendedRef;
  return {
    ...widest,
    pins: anyOf(live.map((s) => s.pins)),
    tenant: tenants.size === 1 ? live[0].tenant : undefined,
    pullRequest: live.some((s) => s.pullRequest === true),
    ...(extended !== undefined ? { extendedRef: extended } : {}),
  };
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
    // After a wildcard or an unknown part (which may be empty at apply), a literal tail ending in the context is a pull request's.
    ((contextText !== undefined && grammar.pullRequestContext(contextText)) || (tokens.some((t) => t.t !== "lit") && tail.endsWith(":pull_request")));
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
        tenantName = knownText(value.text);
        break;
      case "repository_id":
        tenant = repository = tenantImmutable = repositoryImmutable = true;
        break;
      case "repository":
      case "repo":
        if (value.text.includes("/")) {
          tenant = repository = true;
          tenantName = knownText(value.text.split("/")[0]);
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

/** The text when no unknown part is in it (an owner read from `${var.owner}` has no name to show). */
function knownText(text: string): string | undefined {
  return text.includes("\u0000") ? undefined : text;
}

/**
 * Issuers without a known grammar: an exact value or a pattern with a literal letter or digit pins one
 * workload; a bare wildcard, or wildcards joined by punctuation only (`*:*`, `*-*`), pins nothing.
 */
function genericScope(tokens: readonly PatternToken[]): SubjectScope {
  const wild = tokens.some((t) => t.t !== "lit" && t.t !== "unknown");
  const literal = tokens.some((t) => t.t === "unknown" || (t.t === "lit" && (!wild || /[\p{L}\p{N}]/u.test(t.c))));
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
