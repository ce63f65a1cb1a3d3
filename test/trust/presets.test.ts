import { Claim, Trust, WifValidationError } from "../../src";

const GH = "https://token.actions.githubusercontent.com";

describe("Trust.githubActions", () => {
  test.each([
    [{ repository: "octo-org/payments", environment: "production" }, "repo:octo-org/payments:environment:production", true],
    [{ repository: "octo-org/payments", branch: "main" }, "repo:octo-org/payments:ref:refs/heads/main", true],
    [{ repository: "octo-org/payments", ref: "refs/heads/main" }, "repo:octo-org/payments:ref:refs/heads/main", true],
    [{ repository: "octo-org/payments", tag: "v1.2.3" }, "repo:octo-org/payments:ref:refs/tags/v1.2.3", true],
    [{ repository: "octo-org/payments", tag: "v*" }, "repo:octo-org/payments:ref:refs/tags/v*", false],
    [{ repository: "octo-org/payments", ref: "refs/heads/release-*" }, "repo:octo-org/payments:ref:refs/heads/release-*", false],
    [{ repository: "octo-org/payments", pullRequest: true }, "repo:octo-org/payments:pull_request", true],
    [{ repository: "octo-org/payments", anyRef: true }, "repo:octo-org/payments:*", false],
    [{ repository: "octo-org/payments", environment: "prod:eu" }, "repo:octo-org/payments:environment:prod%3Aeu", true],
    [{ repository: "octo-org/pay.ments_2", branch: "feature/x" }, "repo:octo-org/pay.ments_2:ref:refs/heads/feature/x", true],
    [{ repository: "octo/*", branch: "main" }, "repo:octo/*:ref:refs/heads/main", false],
    [{ repository: "oct*/app", branch: "main" }, "repo:oct*/app:ref:refs/heads/main", false],
    [
      { repository: "octo-org/payments", branch: "main", repositoryOwnerId: "11", repositoryId: "22", immutableSubject: true },
      "repo:octo-org@11/payments@22:ref:refs/heads/main",
      true,
    ],
  ])("%j → %s", (options, sub, exact) => {
    const trust = Trust.githubActions(options as Parameters<typeof Trust.githubActions>[0]);
    expect(trust.issuer.url).toBe(GH);
    expect(trust.issuer.kind).toBe("github-actions");
    expect(trust.subject.alternatives).toEqual([exact ? { kind: "exact", value: sub } : { kind: "like", pattern: sub }]);
  });

  test("owner and repository ids become claim conditions unless the subject is immutable", () => {
    const pinned = Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "11", repositoryId: "22" });
    expect(pinned.claims).toEqual({ repository_owner_id: Claim.equals("11"), repository_id: Claim.equals("22") });
    const immutable = Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "11", repositoryId: "22", immutableSubject: true });
    expect(immutable.claims).toEqual({});
  });

  test("jobWorkflowRef becomes a job_workflow_ref condition (exact or pattern)", () => {
    const exact = Trust.githubActions({ repository: "octo/app", branch: "main", jobWorkflowRef: "octo/deploy/.github/workflows/deploy.yml@refs/heads/main" });
    expect(exact.claims.job_workflow_ref.alternatives).toEqual([{ kind: "exact", value: "octo/deploy/.github/workflows/deploy.yml@refs/heads/main" }]);
    const pattern = Trust.githubActions({ repository: "octo/app", branch: "main", jobWorkflowRef: "octo/deploy/.github/workflows/deploy.yml@refs/tags/v*" });
    expect(pattern.claims.job_workflow_ref.alternatives).toEqual([{ kind: "like", pattern: "octo/deploy/.github/workflows/deploy.yml@refs/tags/v*" }]);
  });

  test("enterprise and ghe.com issuers", () => {
    expect(Trust.githubActions({ repository: "o/r", branch: "main", enterprise: "acme" }).issuer.url).toBe(`${GH}/acme`);
    expect(Trust.githubActions({ repository: "o/r", branch: "main", gheSubdomain: "acme" }).issuer.url).toBe("https://token.actions.acme.ghe.com");
  });

  test.each([
    [{ repository: "octo/app" }, "githubActions: say which runs are trusted: set exactly one of ref, branch, tag, environment, pullRequest, anyRef."],
    [
      { repository: "octo/app", branch: "main", environment: "prod" },
      "githubActions: branch and environment are set together; a token has one context, so set exactly one of ref, branch, tag, environment, pullRequest, anyRef.",
    ],
    [
      { repository: "octo-app", branch: "main" },
      'githubActions.repository: "octo-app" is not "OWNER/REPO". Give the owner and the repository, e.g. "octo-org/payments".',
    ],
    [{ repository: "octo/app/x", branch: "main" }, 'githubActions.repository: "octo/app/x" is not "OWNER/REPO".'],
    [
      { repository: "-octo/app", branch: "main" },
      'githubActions.repository: "-octo" is not valid: a GitHub owner is 1-39 letters, digits or single inner hyphens. For example "octo-org".',
    ],
    [
      { repository: "octo/a b", branch: "main" },
      "githubActions.repository: \"a b\" is not valid: a GitHub repository name is 1-100 letters, digits, '.', '_' or '-'. For example \"payments\".",
    ],
    [{ repository: "octo/..", branch: "main" }, 'githubActions.repository: ".." is not valid'],
    [{ repository: "octo/app", branch: "feat:x" }, 'githubActions.branch: "feat:x" is not valid: a git ref name has no spaces'],
    [
      { repository: "octo/app", ref: "main" },
      'githubActions.ref: "main" is not a full ref. Write "refs/heads/<branch>" or "refs/tags/<tag>", or use branch / tag.',
    ],
    [{ repository: "octo/app", anyRef: "yes" }, 'githubActions.anyRef: expected true or nothing, got "yes".'],
    [{ repository: "octo/app", branch: "main", repositoryOwnerId: "12a" }, 'githubActions.repositoryOwnerId: "12a" is not a numeric id.'],
    [
      { repository: "octo/app", branch: "main", repositoryOwnerId: "1", immutableSubject: true },
      "githubActions.immutableSubject: the immutable subject \"repo:OWNER@OWNERID/REPO@REPOID:...\" needs both repositoryOwnerId and repositoryId; set them (gh api repos/octo/app --jq '.owner.id, .id').",
    ],
    [{ repository: "octo/app", branch: "main", jobWorkflowRef: "deploy.yml" }, 'githubActions.jobWorkflowRef: "deploy.yml" is not a job_workflow_ref.'],
    [
      { repository: "octo/app", branch: "main", environmnet: "prod" },
      'githubActions.environmnet: unknown option "environmnet". Known options: repository, ref, branch, tag, environment, pullRequest, anyRef,',
    ],
    [
      { repository: "octo/app", branch: "main", audiences: [] },
      "githubActions.audiences: expected a non-empty list of audiences, got []. Omit audiences to use each cloud's default.",
    ],
  ])("refuses %j", (options, message) => {
    expect(() => Trust.githubActions(options as unknown as Parameters<typeof Trust.githubActions>[0])).toThrow(message);
  });

  // A ref given twice compiles to a subject no token carries ("ref:refs/heads/refs/heads/main").
  test.each([
    [
      { repository: "octo/app", branch: "refs/heads/main" },
      'githubActions.branch: "refs/heads/main" is a full ref, but branch takes the branch name: the subject would read "ref:refs/heads/refs/heads/main", which no token carries. Write branch: "main", or ref: "refs/heads/main".',
    ],
    [
      { repository: "octo/app", tag: "refs/tags/v*" },
      'githubActions.tag: "refs/tags/v*" is a full ref, but tag takes the tag name: the subject would read "ref:refs/tags/refs/tags/v*", which no token carries. Write tag: "v*", or ref: "refs/tags/v*".',
    ],
    [
      { repository: "octo/app", branch: "refs/tags/v1" },
      'githubActions.branch: "refs/tags/v1" is a full ref, but branch takes the branch name: the subject would read "ref:refs/heads/refs/tags/v1", which no token carries. Write branch: "v1", or ref: "refs/tags/v1".',
    ],
    [
      { repository: "octo/app.git", branch: "main" },
      'githubActions.repository: "octo/app.git" ends with ".git", as a clone URL does; GitHub\'s tokens carry the repository name without it, so the subject would never match. Write "octo/app".',
    ],
    [
      { repository: "octo/App.GIT", branch: "main" },
      'githubActions.repository: "octo/App.GIT" ends with ".git", as a clone URL does; GitHub\'s tokens carry the repository name without it, so the subject would never match. Write "octo/App".',
    ],
  ])("refuses a value given twice: %j", (options, message) => {
    expect(() => Trust.githubActions(options)).toThrow(
      new WifValidationError(message.slice(0, message.indexOf(": ")), message.slice(message.indexOf(": ") + 2)),
    );
  });

  // JavaScript callers: a string is not a boolean ("false" is truthy).
  test.each([
    [
      { repository: "octo/app", branch: "main", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: "false" },
      'githubActions.immutableSubject: expected true, false or "both", got "false". A string such as "false" is not a boolean: write immutableSubject: false.',
    ],
    [
      { repository: "octo/app", branch: "main", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: 1 },
      'githubActions.immutableSubject: expected true, false or "both", got 1.',
    ],
    [{ repository: "octo/app", pullRequest: "true" }, 'githubActions.pullRequest: expected true or nothing, got "true".'],
    [{ repository: "octo/app", branch: "main", repositoryOwnerId: 1234567 }, "githubActions.repositoryOwnerId: 1234567 is not a numeric id."],
    [{ repository: ["octo/app"], branch: "main" }, 'githubActions.repository: ["octo/app"] is not "OWNER/REPO".'],
  ])("checks the runtime type: %j", (options, message) => {
    expect(() => Trust.githubActions(options as unknown as Parameters<typeof Trust.githubActions>[0])).toThrow(message);
  });

  test.each([
    [true, "name and immutable forms, each pinned by the ids", ["repo:octo/app:environment:prod", "repo:octo@1/app@2:environment:prod"], "both"],
    [false, "immutable form only", ["repo:octo@1/app@2:environment:prod"], true],
    [false, "name form only, ids as claims", ["repo:octo/app:environment:prod"], false],
  ] as const)("immutableSubject migration (%s): %s", (_both, _what, subjects, immutableSubject) => {
    const trust = Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1", repositoryId: "2", immutableSubject });
    expect(trust.subject.exactValues).toEqual(subjects);
    expect(trust.subject.isExact).toBe(true);
    const token = (sub: string, ids: Record<string, string> = {}) => ({ iss: GH, aud: "sts.amazonaws.com", sub, ...ids });
    const ids = { repository_owner_id: "1", repository_id: "2" };
    for (const sub of subjects) expect(trust.accepts(token(sub, ids), "aws")).toBe(true);
    // The name form always needs the ids: a re-registered "octo" (other owner id) is refused.
    expect(trust.accepts(token("repo:octo/app:environment:prod", { repository_owner_id: "9", repository_id: "2" }), "aws")).toBe(false);
  });
});

describe("Trust.gitlab", () => {
  test.each([
    [{ projectPath: "group/app", refType: "branch", ref: "main" }, "project_path:group/app:ref_type:branch:ref:main", true],
    [{ projectPath: "group/sub/app", refType: "tag", ref: "v*" }, "project_path:group/sub/app:ref_type:tag:ref:v*", false],
    [{ projectPath: "group/app", anyRef: true }, "project_path:group/app:*", false],
  ])("%j → %s", (options, sub, exact) => {
    const trust = Trust.gitlab(options as Parameters<typeof Trust.gitlab>[0]);
    expect(trust.issuer.url).toBe("https://gitlab.com");
    expect(trust.issuer.shared).toBe(true);
    expect(trust.subject.alternatives).toEqual([exact ? { kind: "exact", value: sub } : { kind: "like", pattern: sub }]);
  });

  test("self-managed host, id pins", () => {
    const trust = Trust.gitlab({ projectPath: "g/a", refType: "branch", ref: "main", host: "https://gitlab.example.com", namespaceId: "7", projectId: "8" });
    expect(trust.issuer.url).toBe("https://gitlab.example.com");
    expect(trust.issuer.kind).toBe("gitlab");
    expect(trust.claims).toEqual({ namespace_id: Claim.equals("7"), project_id: Claim.equals("8") });
  });

  test.each([
    [{ projectPath: "app", refType: "branch", ref: "main" }, 'gitlab.projectPath: "app" is not "GROUP/PROJECT".'],
    [{ projectPath: "g/app", refType: "commit", ref: "main" }, 'gitlab.refType: expected "branch" or "tag", got "commit".'],
    [{ projectPath: "g/app", anyRef: true, refType: "branch" }, 'gitlab.refType: refType "branch" has no effect with anyRef: true; remove one of them.'],
    [{ projectPath: "g/app", refType: "branch" }, "gitlab: say which runs are trusted: set exactly one of ref, anyRef."],
    [{ projectPath: "g/app", refType: "branch", ref: "main", host: "http://gitlab.example.com" }, "is not an https:// URL"],
  ])("refuses %j", (options, message) => {
    expect(() => Trust.gitlab(options as unknown as Parameters<typeof Trust.gitlab>[0])).toThrow(message);
  });
});

describe("Trust.kubernetes and Trust.terraformCloud", () => {
  test("kubernetes", () => {
    const trust = Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deployer" });
    expect(trust.subject.exactValues).toEqual(["system:serviceaccount:ci:deployer"]);
    expect(trust.issuer.kind).toBe("kubernetes");
    expect(trust.issuer.shared).toBe(false);
    expect(trust.audiencesFor("aws")).toEqual(["sts.amazonaws.com"]);
  });

  test("terraformCloud", () => {
    const trust = Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" });
    expect(trust.issuer.url).toBe("https://app.terraform.io");
    expect(trust.subject.exactValues).toEqual(["organization:acme:project:infra:workspace:prod:run_phase:apply"]);
    expect(trust.audiencesFor("aws")).toEqual(["aws.workload.identity"]);
    const any = Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any", hostname: "app.eu.terraform.io" });
    expect(any.subject.patterns).toEqual(["organization:acme:project:infra:workspace:prod:run_phase:*"]);
    expect(any.issuer.url).toBe("https://app.eu.terraform.io");
  });

  test.each([
    [
      () => Trust.kubernetes({ issuerUrl: "https://k8s.example.com", namespace: "CI", serviceAccount: "d" }),
      'kubernetes.namespace: "CI" is not valid: a namespace is a DNS label',
    ],
    [() => Trust.kubernetes({ issuerUrl: "http://k8s.example.com", namespace: "ci", serviceAccount: "d" }), "is not an https:// URL"],
    [
      () => Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "destroy" as "plan" }),
      'terraformCloud.runPhase: expected "plan", "apply" or "any", got "destroy".',
    ],
    [
      () => Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply", hostname: "https://app.terraform.io" }),
      'terraformCloud.hostname: "https://app.terraform.io" is not a host name.',
    ],
  ])("refuses bad input (%#)", (make, message) => {
    expect(make).toThrow(message);
  });
});
