import { literalPrefix, literalTail, tokenize, tokensText, unknownParts, hasWildcard } from "../../src/lint/analysis/pattern";
import { allOf, anyOf, ASSUMED_PINS, NO_PINS, Pins, reachOf } from "../../src/lint/analysis/pins";
import { subjectScope } from "../../src/lint/analysis/subject-scope";
import { claimPins } from "../../src/lint/analysis/claim-pins";
import { isPositive } from "../../src/lint/analysis/statement-reach";
import { grammarFor } from "../../src/lint/analysis/grammars";
import type { ClaimCheck } from "../../src/lint/facts";
import type { IssuerKind } from "../../src/trust/issuer";

describe("tokenize", () => {
  it.each<[string, boolean, string]>([
    ["a*b?c", true, "lit:a star lit:b one lit:c"],
    ["a*b?c", false, "lit:a lit:* lit:b lit:? lit:c"],
    ["a${*}b", true, "lit:a lit:* lit:b"],
    ["${?}${$}", true, "lit:? lit:$"],
    ["x${var.a}y", true, "lit:x unknown:${var.a} lit:y"],
    ["${jsonencode({a = 1})}", true, "unknown:${jsonencode({a = 1})}"],
    ["${unterminated", true, "lit:$ lit:{ lit:u lit:n lit:t lit:e lit:r lit:m lit:i lit:n lit:a lit:t lit:e lit:d"],
    ["$x", true, "lit:$ lit:x"],
    ["$x}", true, "lit:$ lit:x lit:}"],
    ["ab}", true, "lit:a lit:b lit:}"],
    ["a{b}c", true, "lit:a lit:{ lit:b lit:} lit:c"],
    ["${a{b}c}d", true, "unknown:${a{b}c} lit:d"],
    ["", true, ""],
  ])("%j (glob=%s)", (value, glob, expected) => {
    expect(
      tokenize(value, glob)
        .map((t) => (t.t === "lit" ? `lit:${t.c}` : t.t === "unknown" ? `unknown:${t.expr}` : t.t))
        .join(" "),
    ).toBe(expected);
  });

  it("helpers read the tokens", () => {
    const t = tokenize("repo:${var.o}/*:ref:main", true);
    expect(unknownParts("a${var.x}b${local.y}")).toEqual(["${var.x}", "${local.y}"]);
    expect(unknownParts("plain")).toEqual([]);
    expect(hasWildcard(t)).toBe(true);
    expect(hasWildcard(tokenize("a?", false))).toBe(false);
    expect(hasWildcard(tokenize("a?", true))).toBe(true);
    expect(literalPrefix(t)).toBe("repo:");
    expect(literalTail(t)).toBe(":ref:main");
    expect(literalTail(tokenize("a?b${x}", true))).toBe("b\u0000");
    expect(literalTail(tokenize("abc", true))).toBe("abc");
    expect(tokensText(t)).toBe("repo:${var.o}/*:ref:main");
    expect(tokensText(tokenize("a?", true))).toBe("a?");
  });
});

describe("pins", () => {
  const p = (o: Partial<Pins>): Pins => ({ ...NO_PINS, ...o });
  it("allOf pins what any check pins, anyOf only what every alternative pins", () => {
    const a = p({ tenant: true, tenantImmutable: true });
    const b = p({ repository: true, context: true, repositoryImmutable: true, assumed: true });
    expect(allOf([a, b])).toEqual({ tenant: true, repository: true, context: true, tenantImmutable: true, repositoryImmutable: true, assumed: true });
    expect(anyOf([a, b])).toEqual({ ...NO_PINS, assumed: true });
    expect(anyOf([a, a])).toEqual(a);
    expect(anyOf([])).toEqual(NO_PINS);
    expect(allOf([])).toEqual(NO_PINS);
    expect(anyOf([ASSUMED_PINS, ASSUMED_PINS])).toEqual(ASSUMED_PINS);
  });
  it.each<[Partial<Pins>, boolean, string]>([
    [{}, true, "any-tenant"],
    [{}, false, "one-tenant"],
    [{ tenant: true }, true, "one-tenant"],
    [{ tenant: true, repository: true }, true, "one-repository"],
    [{ repository: true }, false, "one-repository"],
    [{ tenant: true, repository: true, context: true }, true, "one-context"],
    [{ repository: true, context: true }, true, "any-tenant"],
  ])("reachOf(%j, shared=%s) = %s", (pins, shared, expected) => {
    expect(reachOf(p(pins), shared)).toBe(expected);
  });
});

describe("subjectScope details", () => {
  const scope = (kind: IssuerKind, value: string, glob = true, shared = true) => subjectScope(tokenize(value, glob), kind, shared);

  it.each<[IssuerKind, string, boolean, string]>([
    [
      "github-actions",
      "Repo:octo/app:ref:refs/heads/main",
      false,
      'expected "repo:" where it has "R" (subjects read repo:OWNER/REPO:CONTEXT, compared case-sensitively)',
    ],
    [
      "github-actions",
      "Repo:octo/app:ref:refs/heads/*",
      true,
      'expected "repo:" where it has "R" (subjects read repo:OWNER/REPO:CONTEXT, compared case-sensitively)',
    ],
    ["github-actions", "repo:octo/app", false, "it ends before the context (the issuer's subjects read repo:OWNER/REPO:CONTEXT)"],
    [
      "azure-devops",
      "/eid1/c/pub/t/tenant",
      false,
      "it ends before the application (the issuer's subjects read /eid1/c/pub/t/TENANT/a/APP/sc/ORGANIZATION_ID/SERVICE_CONNECTION_ID)",
    ],
    ["github-actions", "repo:", false, "it ends before the repository (the issuer's subjects read repo:OWNER/REPO:CONTEXT)"],
    ["github-actions", "re", false, "it ends before the owner (the issuer's subjects read repo:OWNER/REPO:CONTEXT)"],
    ["gitlab", "project_path:g", false, "it ends before the project (the issuer's subjects read project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME)"],
    [
      "terraform-cloud",
      "organization:o:project:p",
      false,
      "it ends before the workspace (the issuer's subjects read organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE)",
    ],
    ["kubernetes", "system:serviceaccount:ci", false, "it ends before the service account (the issuer's subjects read system:serviceaccount:NAMESPACE:NAME)"],
    [
      "buildkite",
      "organization:a:pipeline:p",
      false,
      "it ends before the ref (the issuer's subjects read organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:STEP)",
    ],
    ["circleci", "org/o/project/p", false, "it ends before the user (the issuer's subjects read org/ORG_ID/project/PROJECT_ID/user/USER_ID)"],
    [
      "circleci",
      "org/o/projects/p",
      false,
      'expected "/project/" where it has "s" (subjects read org/ORG_ID/project/PROJECT_ID/user/USER_ID, compared case-sensitively)',
    ],
  ])("never: %s %j", (kind, value, glob, reason) => {
    expect(scope(kind, value, glob).never).toBe(reason);
  });

  it.each<[IssuerKind, string, string | undefined, string | undefined]>([
    ["github-actions", "repo:octo/app:ref:refs/heads/main", "octo", undefined],
    ["github-actions", "re?o:octo/app:ref:refs/heads/main", "octo", undefined],
    ["github-actions", "repo:octo@12/app:*", "octo", "context"],
    ["github-actions", "repo:octo/*", "octo", "repository"],
    ["github-actions", "repo:oc*", undefined, "owner"],
    ["github-actions", "repo:${var.o}/app:*", undefined, "context"],
    ["github-actions", "repository:octo/app:*", "octo", "context"],
    ["github-actions", "repository_owner:octo:*", "octo", "repository"],
    ["github-actions", "repository_owner_id:1:*", undefined, "repository"],
    ["github-actions", "repository_owner_id:1?:*", undefined, "owner"],
    ["github-actions", "repository_owner_id:12:repository_id:3?:*", undefined, "repository"],
    ["github-actions", "environment:*", undefined, "owner"],
    ["gitlab", "project_path:grp/*", "grp", "project"],
    ["terraform-cloud", "organization:o:project:p:workspace:*", "o", "workspace"],
    ["kubernetes", "system:serviceaccount:*", undefined, "namespace"],
    ["buildkite", "organization:acme:pipeline:p:ref:main:commit:*", "acme", "commit"],
    ["circleci", "org/o/project/p/user/*", "o", "user"],
    ["generic", "*", undefined, "subject"],
    ["generic", "x*", undefined, undefined],
  ])("tenant and first open field: %s %j", (kind, value, tenant, open) => {
    const s = scope(kind, value);
    expect([s.tenant, s.openField]).toEqual([tenant, open]);
  });

  // A "*" right after a complete ref name also admits longer names (main-x): the ref it extends.
  it.each<[IssuerKind, string, string | undefined]>([
    ["buildkite", "organization:a:pipeline:p:ref:refs/heads/main*", "main"],
    ["buildkite", "organization:a:pipeline:p:ref:refs/heads/main*:commit:c:step:s", "main"],
    ["buildkite", "organization:a:pipeline:p*:ref:refs/heads/main*:step:s", undefined],
    ["github-actions", "repo:octo/app:ref:refs/heads/main*", "main"],
    ["github-actions", "repo:octo/app:ref:refs/heads/m*", undefined],
    // An environment is no ref (admins create environments): its prefix keeps its pin.
    ["github-actions", "repo:octo/app:environment:production*", undefined],
  ])("extended ref: %s %j", (kind, value, extended) => {
    expect(scope(kind, value).extendedRef).toBe(extended);
  });

  // A ? opens its field (a prefix when text comes before it); an unknown part pins the fields it may span (assumed).
  it.each<[string, string | undefined, string | undefined, string | undefined, string]>([
    // value, tenant, first open field, extended ref, pins
    ["repo:octo/app:ref:refs/heads/main?", "octo", "context", "main", "tenant,repository"],
    ["repo:octo/app:ref:?", "octo", "context", undefined, "tenant,repository"],
    ["repo:oc?/app:ref:refs/heads/main", undefined, "owner", undefined, "repository,context"],
    ["repo:${var.o}/app:ref:refs/heads/main", undefined, undefined, undefined, "tenant,repository,context,assumed"],
    ["repo:octo/${var.rest}", "octo", undefined, undefined, "tenant,repository,context,assumed"],
    ["re${var.x}", undefined, undefined, undefined, "tenant,repository,context,assumed"],
    // Several readings (the unknown ends in the owner, the repository or the context): the widest names the open field.
    ["repo:${var.x}*", undefined, "owner", undefined, "assumed"],
  ])("? and unknown parts: %j", (value, tenant, open, extended, pins) => {
    const s = scope("github-actions", value);
    const pinned = (["tenant", "repository", "context", "assumed"] as const).filter((k) => s.pins[k]).join(",");
    expect([s.tenant, s.openField, s.extendedRef, pinned]).toEqual([tenant, open, extended, pins]);
  });

  // An unknown part that may end in several fields gives several readings: the value admits what any of
  // them admits (a tenant only when all name the same; an extended ref or a pull request when any does).
  it.each<[IssuerKind, string, string | undefined, string | undefined, string | undefined, boolean, string]>([
    // kind, value, tenant, first open field, extended ref, pull request, pins
    ["azure-devops", "/eid1/c/pub/t/${var.x}/a/app/sc/org/conn", undefined, undefined, undefined, false, "tenant,repository,context,assumed"],
    // An unknown that spans every field up to the last: no tenant is named (never its placeholder).
    ["azure-devops", "/${var.x}conn", undefined, undefined, undefined, false, "tenant,repository,context,assumed"],
    ["github-actions", "repo:octo/${var.x}ref:refs/heads/main*", "octo", "context", "main", false, "tenant,repository,assumed"],
    ["github-actions", "repo:octo/${var.x}:pull_request", "octo", undefined, undefined, true, "tenant,repository,context,assumed"],
    // An unknown part may be empty at apply: before a whole pull-request subject, it may be one.
    ["github-actions", "${var.x}repo:octo/app:pull_request", undefined, undefined, undefined, true, "tenant,repository,context,assumed"],
    // A wildcard, then a literal tail that ends in the pull-request context.
    ["github-actions", "repo:octo/*-app:pull_request", "octo", "repository", undefined, true, "tenant,context"],
    // A ref prefix with an unknown part is a family chosen at apply (assumed), as `refs/heads/release-*` is.
    ["github-actions", "repo:octo/app:ref:refs/heads/${var.x}*", "octo", "context", undefined, false, "tenant,repository,context,assumed"],
    // A custom template without a wildcard pins the claims it names, and only those.
    ["github-actions", "repository_owner:octo:context:x", "octo", "repository", undefined, false, "tenant,context"],
    // A custom template whose literal tail after a wildcard is a pull request's context.
    ["github-actions", "repository_owner_id:1:repository_id:*:context:pull_request", undefined, "repository", undefined, true, "tenant,context"],
  ])("several readings, or none open: %s %j", (kind, value, tenant, open, extended, pullRequest, pins) => {
    const s = scope(kind, value);
    const pinned = (["tenant", "repository", "context", "assumed"] as const).filter((k) => s.pins[k]).join(",");
    expect([s.tenant, s.openField, s.extendedRef, s.pullRequest, pinned]).toEqual([tenant, open, extended, pullRequest, pins]);
  });

  // 30 adjacent unknown parts can split the Buildkite fields in too many ways to read them all: past the
  // step bound, the fields not read yet count as open (fail closed), not as pinned by the unknowns.
  it("a value past the reading's step bound leaves the unread fields open", () => {
    const s = scope("buildkite", `organization:${"${var.x}".repeat(30)}x`);
    expect([s.openField, s.pins.tenant, s.pins.repository, s.pins.context, s.pins.assumed]).toEqual(["pipeline", true, false, false, true]);
  });

  it.each<[IssuerKind, string, boolean]>([
    ["github-actions", "repo:*:ref:refs/heads/main", true],
    ["github-actions", "repo:*:ref:refs/tags/v1", true],
    ["github-actions", "repo:*:ref:refs/heads/*", false],
    ["github-actions", "repo:*:environment:prod", true],
    ["github-actions", "repo:*:environment:", false],
    ["github-actions", "repo:*:pull_request", true],
    ["github-actions", "repo:*:ref:refs/heads/main:x", false],
    ["github-actions", "repo:*main", false],
    ["github-actions", "repository_owner_id:1:*:ref:refs/heads/main", true],
    ["github-actions", "repository_owner_id:1:*:ref:*", false],
    ["gitlab", "project_path:*:ref_type:branch:ref:main", true],
    ["gitlab", "project_path:*:ref_type:tag:ref:v1", true],
    ["gitlab", "project_path:*:ref_type:branch:ref:", false],
    ["gitlab", "project_path:*:ref:main", false],
    ["terraform-cloud", "organization:*:run_phase:apply", true],
    ["terraform-cloud", "organization:*:run_phase:plan", true],
    ["terraform-cloud", "organization:*:run_phase:*", false],
    ["terraform-cloud", "organization:*:run_phase:destroy", false],
    ["kubernetes", "system:serviceaccount:*:deployer", true],
    ["kubernetes", "system:serviceaccount:*:a:b", false],
    ["buildkite", "organization:*:ref:main:commit:abc", true],
    ["buildkite", "organization:*:ref:main:commit:abc:step:s", true],
    ["buildkite", "organization:*:ref:main", false],
    ["circleci", "org/*/user/U", true],
    ["circleci", "org/*/user/", false],
  ])("a literal tail pins the context: %s %j → %s", (kind, value, pinned) => {
    expect(scope(kind, value).pins.context).toBe(pinned);
  });

  it.each<[string, boolean]>([
    ["repo:octo/app:pull_request", true],
    ["repo:octo/app:ref:refs/pull/12/merge", true],
    ["repo:octo/app:ref:refs/heads/pull_request", false],
    ["repo:*:pull_request", true],
    ["repo:octo/app:*pull_request", false],
    ["repository_owner_id:1:pull_request", true],
    ["repository_owner_id:1:*:pull_request", true],
  ])("pull-request contexts: %j → %s", (value, pr) => {
    expect(scope("github-actions", value).pullRequest).toBe(pr);
  });

  it.each<[string, string | undefined]>([
    ["workflow:deploy:repo:o/r", "workflow"],
    ["environment:prod:repository_owner_id:1", "environment"],
    ["ref:refs/heads/main", "ref"],
    ["context:ref:refs/heads/main", "context"],
    ["head_ref:x", "head_ref"],
    ["base_ref:x", "base_ref"],
    ["repository_owner_id:1:workflow:deploy", undefined],
    ["actor:octocat:repo:o/r", undefined],
  ])("abusable template start: %j → %s", (value, key) => {
    expect(scope("github-actions", value, false).abusableTemplate).toBe(key);
  });

  /** Everything a value reads as, in one line: reach, literal tenant, first open field, extended ref and flags. */
  const detail = (kind: IssuerKind, shared: boolean, value: string, glob: boolean): string => {
    const s = scope(kind, value, glob, shared);
    if (s.never !== undefined) return `never: ${s.never}`;
    return [
      reachOf(s.pins, shared),
      s.tenant !== undefined ? `tenant=${s.tenant}` : "",
      s.openField !== undefined ? `open=${s.openField}` : "",
      s.extendedRef !== undefined ? `extends=${s.extendedRef}` : "",
      s.pullRequest ? "pr" : "",
      s.pins.assumed ? "unknown" : "",
      s.abusableTemplate !== undefined ? `abusable=${s.abusableTemplate}` : "",
      s.pins.tenantImmutable ? "tenant-id" : "",
      s.pins.repositoryImmutable ? "repo-id" : "",
    ]
      .filter((part) => part !== "")
      .join(" ");
  };

  // kind, shared, glob (StringLike), value, what it reads as
  it.each<[IssuerKind, boolean, boolean, string, string]>([
    // A ? in a lead stands for the lead's character; in a value it opens the field from there.
    ["github-actions", true, true, "re?o:octo/app:ref:refs/heads/main", "one-context tenant=octo"],
    ["github-actions", true, true, "repo:octo/app:environment:?rod", "one-repository tenant=octo open=context"],
    ["github-actions", true, true, "repo:octo/app:environment:prod?", "one-context tenant=octo open=context"],
    ["github-actions", true, true, "repo:octo/app:environment:?${var.env}", "one-repository tenant=octo open=context unknown"],
    ["github-actions", true, true, "repo:octo/app:ref:refs/heads/ma?n", "one-repository tenant=octo open=context extends=ma"],
    ["github-actions", true, true, "repo:octo/app:ref:refs/heads/v1.*", "one-context tenant=octo open=context"],
    ["github-actions", true, true, "repo:octo/app:ref:refs/pull/*", "one-repository tenant=octo open=context"],
    ["github-actions", true, true, "repo:octo/app:*:pull_request", "one-context tenant=octo open=context pr"],
    ["github-actions", true, true, "repo:octo/ap*", "one-tenant tenant=octo open=repository"],
    ["github-actions", true, true, "repo:octo@12/app@34:*", "one-repository tenant=octo open=context tenant-id repo-id"],
    ["github-actions", true, true, "repo:octo@x/app:*", "one-repository tenant=octo@x open=context"],
    ["github-actions", false, true, "repo:*", "one-tenant open=owner"],
    // Unknown parts: the readings where the unknown ends in each later field; the widest wins.
    ["github-actions", true, false, "repo:${var.o}:", "one-context unknown"],
    ["github-actions", true, false, "repo:octo/${var.r}/x", "one-context tenant=octo unknown"],
    ["github-actions", true, true, "repo:octo/${var.r}:ref:refs/heads/main*", "one-repository tenant=octo open=context extends=main unknown"],
    ["github-actions", true, false, "repo:${var.o}/app:ref:refs/heads/main", "one-context unknown"],
    ["gitlab", true, false, "project_path:${var.g}:x", "one-context unknown"],
    // Custom subject templates (GitHub): claim names and values; an unknown owner has no name to show.
    ["github-actions", true, true, "repository_owner:${var.o}:*", "one-tenant open=repository unknown"],
    ["github-actions", true, false, "repository:${var.o}/app:ref:refs/heads/main", "one-context unknown"],
    ["github-actions", true, true, "repository:app:*", "any-tenant open=owner"],
    ["github-actions", true, false, "repository_owner:octo", "one-tenant tenant=octo open=repository"],
    ["github-actions", true, true, "repository_owner:oc?o:*", "any-tenant open=owner"],
    ["github-actions", true, true, "context:pull_request:*", "any-tenant open=owner pr abusable=context"],
    ["github-actions", true, true, "repository_owner:octo:*:pull_request", "one-tenant tenant=octo open=repository pr"],
    ["github-actions", true, true, "repository_id:1:*", "one-repository open=context tenant-id repo-id"],
    ["github-actions", true, true, "*:repository_owner:octo", "any-tenant open=owner"],
    // A literal start without ":" is no template key ("contextX" is not "context").
    ["github-actions", true, true, "contextX*", 'never: expected "repo:" where it has "c" (subjects read repo:OWNER/REPO:CONTEXT, compared case-sensitively)'],
    // Azure DevOps has two grammars: a value whose start fits both is read with each.
    ["azure-devops", true, true, "?c://o/p/c", "one-context tenant=o"],
    ["azure-devops", true, true, "?eid1/c/pub/t/T/a/A/sc/O/C", "one-context tenant=O"],
    [
      "azure-devops",
      true,
      true,
      "?x://o/p/c",
      'never: expected "sc://" where it has "x" (subjects read sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION, compared case-sensitively)',
    ],
    ["azure-devops", true, true, "${var.x}/sc/*", "any-tenant open=organization unknown"],
    ["azure-devops", true, true, "${var.x}/sc/o/c", "one-context unknown"],
    ["azure-devops", true, true, "/eid1/c/pub/t/T/a/A/sc/O/*", "one-repository tenant=O open=service connection"],
    ["kubernetes", false, true, "system:serviceaccount:ci:?", "one-repository open=service account"],
    ["gitlab", true, true, "project_path:grp/app:ref_typ?:branch:ref:main", "one-repository tenant=grp open=ref"],
    ["gitlab", true, true, "project_path:grp/app:ref_type:branch:ref:main*", "one-repository tenant=grp open=ref extends=main"],
    ["generic", false, true, "*-*", "one-tenant open=subject"],
    ["generic", false, true, "${var.s}*", "one-context unknown"],
    ["generic", false, false, "*", "one-context"],
    ["generic", false, true, "?", "one-tenant open=subject"],
  ])("reads as: %s (shared=%s, glob=%s) %j → %s", (kind, shared, glob, value, expected) => {
    expect(detail(kind, shared, value, glob)).toBe(expected);
  });

  it("immutable ids need digits after @, in a pinned field", () => {
    expect(scope("github-actions", "repo:octo@1a/app@2:environment:p", false).pins).toMatchObject({ tenantImmutable: false, repositoryImmutable: true });
    expect(scope("github-actions", "repo:octo@1/app@x:environment:p", false).pins).toMatchObject({ tenantImmutable: true, repositoryImmutable: false });
    expect(scope("github-actions", "repo:octo@1/app@2:environment:p", false, false).pins).toMatchObject({ tenantImmutable: false, repositoryImmutable: true });
    expect(scope("gitlab", "project_path:g@1/p@2:ref_type:branch:ref:main", false).pins).toMatchObject({ tenantImmutable: false, repositoryImmutable: false });
  });
});

describe("claimPins: what a check on a claim other than sub pins", () => {
  /** The pinned dimensions, as letters: t(enant), r(epository), c(ontext), T/R (immutably), a(ssumed). */
  const flags = (p: Pins) =>
    [p.tenant && "t", p.repository && "r", p.context && "c", p.tenantImmutable && "T", p.repositoryImmutable && "R", p.assumed && "a"].filter(Boolean).join("");
  const check = (claim: string, operator: ClaimCheck["operator"], values: string[], more: Partial<ClaimCheck> = {}): ClaimCheck => ({
    claim,
    operator,
    values,
    native: operator,
    ...more,
  });
  it.each<[string, ClaimCheck, string]>([
    ["an owner id", check("repository_owner_id", "equals", ["1"]), "tT"],
    ["a repository id", check("repository_id", "equals", ["2"]), "trTR"],
    ["a repository id pattern with ?", check("repository_id", "like", ["2?"]), ""],
    ["an owner name", check("repository_owner", "equals", ["octo"]), "t"],
    ["a * in an exact owner name is literal", check("repository_owner", "equals", ["oc*to"]), "t"],
    ["a repository name", check("repository", "equals", ["octo/app"]), "tr"],
    ["every repository of one owner", check("repository", "like", ["octo/*"]), "t"],
    ["a wildcard before the owner's slash", check("repository", "like", ["oc*/app"]), ""],
    ["a ? before the owner's slash", check("repository", "like", ["oc?o/app"]), ""],
    ["no slash at all", check("repository", "like", ["octo*"]), ""],
    ["an owner unknown until apply", check("repository", "like", ["${var.owner}/*"]), "ta"],
    ["a claim that is unknown until apply", check("workflow", "unknown", ["${var.x}"]), "trcTRa"],
    ["a claim that names no identity", check("workflow", "equals", ["deploy"]), ""],
    ["a regex", check("repository_owner_id", "regex", ["^1$"]), ""],
    ["an unread check", check("repository_owner_id", "unread", ["1"]), ""],
    ["a negated check", check("repository_owner_id", "negated", ["1"]), ""],
    ["a check that constrains nothing", check("repository_owner_id", "constrains-nothing", []), ""],
    // AWS `Null: { repository_owner_id = "false" }` only says the claim is present.
    ["a Null check (the claim is present)", check("repository_owner_id", "constrains-nothing", ["false"]), ""],
    ["an owner unknown until apply, then a wildcard", check("repository", "like", ["${var.owner}*"]), "a"],
    ["a ref", check("ref", "equals", ["refs/heads/main"]), "c"],
    ["a ref pattern", check("ref", "like", ["refs/heads/*"]), ""],
    ["ForAllValues (true without the claim)", check("repository_owner_id", "equals", ["1"], { setOperator: "ForAllValues" }), ""],
    ["IfExists on a claim a token may lack", check("repository_owner_id", "equals", ["1"], { ifExists: true }), ""],
  ])("%s", (_name, c, expected) => {
    expect(flags(claimPins("github-actions", c))).toBe(expected);
  });
});

describe("grammarFor", () => {
  it.each<[string, string | undefined, string | undefined]>([
    ["no literal start: the kind's first grammar", undefined, "sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION"],
    ["a start that fits the second grammar", "/eid1/c/pub/t/", "/eid1/c/pub/t/TENANT/a/APP/sc/ORGANIZATION_ID/SERVICE_CONNECTION_ID"],
    ["a start that fits neither grammar: the first", "x", "sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION"],
  ])("Azure DevOps, %s", (_name, start, form) => {
    expect(grammarFor("azure-devops", start)?.form).toBe(form);
  });
  it("an issuer whose subjects are opaque has none", () => {
    expect(grammarFor("generic")).toBeUndefined();
  });
});

describe("isPositive", () => {
  const check = (claim: string, operator: ClaimCheck["operator"], setOperator?: "ForAllValues" | "ForAnyValue"): ClaimCheck => ({
    claim,
    operator,
    values: ["x"],
    native: operator,
    ...(setOperator ? { setOperator } : {}),
  });
  it.each<[string, ClaimCheck, boolean]>([
    ["equals", check("sub", "equals"), true],
    ["like", check("sub", "like"), true],
    ["unknown until apply", check("sub", "unknown"), true],
    ["negated", check("sub", "negated"), false],
    ["constrains nothing", check("sub", "constrains-nothing"), false],
    ["unread", check("sub", "unread"), false],
    ["ForAllValues on a single-valued claim (true without it)", check("sub", "equals", "ForAllValues"), false],
    ["ForAllValues on the multi-valued amr", check("amr", "equals", "ForAllValues"), true],
    ["ForAnyValue", check("sub", "equals", "ForAnyValue"), true],
  ])("%s", (_name, c, positive) => {
    expect(isPositive(c)).toBe(positive);
  });
});
