import { Claim, Subject } from "../../src";

describe("Subject and Claim", () => {
  test.each([
    // [condition, value, matches]
    [Subject.exactly("repo:o/r:ref:refs/heads/main"), "repo:o/r:ref:refs/heads/main", true],
    [Subject.exactly("repo:o/r:ref:refs/heads/main"), "Repo:o/r:ref:refs/heads/main", false],
    [Subject.exactly("repo:o/r:ref:refs/heads/main"), "repo:o/r:ref:refs/heads/main2", false],
    [Subject.like("repo:o/r:ref:refs/heads/release-*"), "repo:o/r:ref:refs/heads/release-1", true],
    [Subject.like("repo:o/r:ref:refs/heads/release-*"), "repo:o/r:ref:refs/heads/release-", true],
    [Subject.like("repo:o/r:ref:refs/heads/release-*"), "repo:o/r:ref:refs/heads/release-a/b:c", true],
    [Subject.like("repo:o/r:ref:refs/heads/release-*"), "repo:o/r:ref:refs/heads/main", false],
    [Subject.like("repo:o/r:ref:refs/tags/v?"), "repo:o/r:ref:refs/tags/v1", true],
    [Subject.like("repo:o/r:ref:refs/tags/v?"), "repo:o/r:ref:refs/tags/v12", false],
    [Subject.like("repo:o.r/x:*"), "repo:oXr/x:y", false],
    [Subject.like("repo:o+/x:*"), "repo:o+/x:y", true],
    [Subject.like("repo:o+/x:*"), "repo:oo/x:y", false],
    [Subject.like("a(b)[c]{d}|$^\\:*"), "a(b)[c]{d}|$^\\:z", true],
    [Subject.anyOf(["a:1", Subject.like("b:*")]), "a:1", true],
    [Subject.anyOf(["a:1", Subject.like("b:*")]), "b:2", true],
    [Subject.anyOf(["a:1", Subject.like("b:*")]), "c:2", false],
    [Subject.exactly("x:y"), undefined, false],
    [Subject.exactly("x:y"), ["x:y"], false],
    [Claim.equals("123"), "123", true],
    [Claim.equals("123"), 123, false],
    [Claim.anyOf(["1", "2"]), "2", true],
    [Claim.like("octo/*"), "octo/deploy", true],
  ])("%s on %j → %s", (condition, value, expected) => {
    expect(condition.matches(value)).toBe(expected);
  });

  test("anyOf flattens and de-duplicates, keeping order", () => {
    const s = Subject.anyOf(["a:1", Subject.anyOf(["a:1", "b:2"]), Subject.like("c:*"), Subject.like("c:*")]);
    expect(s.alternatives).toEqual([
      { kind: "exact", value: "a:1" },
      { kind: "exact", value: "b:2" },
      { kind: "like", pattern: "c:*" },
    ]);
    expect(s.exactValues).toEqual(["a:1", "b:2"]);
    expect(s.patterns).toEqual(["c:*"]);
    expect(s.isExact).toBe(false);
    expect(Object.isFrozen(s.alternatives)).toBe(true);
  });

  test.each([
    [() => Subject.exactly(""), "Subject.exactly: the value is empty. An empty condition cannot identify a workload; give the full value to match."],
    [
      () => Subject.exactly("repo:o/r:*"),
      'Subject.exactly: "repo:o/r:*" contains a wildcard ("*" or "?"), but exact conditions compare literally, so it would never match a real token. Use a like(...) pattern if you mean a pattern, or spell out the exact value.',
    ],
    [
      () => Subject.like("*"),
      'Subject.like: "*" matches every value, so it checks nothing. Give the literal parts of the value, e.g. "repo:OWNER/REPO:ref:refs/heads/*".',
    ],
    [() => Subject.like("**?"), 'Subject.like: "**?" matches every value'],
    [() => Subject.anyOf([]), "Subject.anyOf: expected a non-empty list, got []. Give at least one value."],
    [
      () => Subject.exactly(" repo:o/r:pull_request"),
      'Subject.exactly: " repo:o/r:pull_request" has leading/trailing whitespace or control characters, which no token claim carries. Remove them.',
    ],
    [() => Claim.equals("1*"), 'Claim.equals: "1*" contains a wildcard'],
    [() => Subject.exactly(42 as unknown as string), "Subject.exactly: expected a string, got 42."],
  ])("refuses bad input (%#)", (make, message) => {
    expect(make).toThrow(message);
  });
});

describe("Terraform template sequences are refused in trust values", () => {
  test.each([
    [
      () => Subject.exactly('repo:octo/app:ref:refs/heads/${base64decode("eA==")}'),
      'Subject.exactly: "repo:octo/app:ref:refs/heads/${base64decode(\\"eA==\\")}" contains "${" or "%{", which Terraform reads as an interpolation or template directive (and cdktf tokens look like that too). Trust values must be literal so every cloud and the rule engine can verify them: write the value itself.',
    ],
    [
      () => Subject.like("repo:octo/app:ref:refs/heads/%{if false}release-%{endif}*"),
      'Subject.like: "repo:octo/app:ref:refs/heads/%{if false}release-%{endif}*" contains "${" or "%{"',
    ],
    [
      () => Claim.equals("${TfToken[TOKEN.1]}"),
      'Claim.equals: "${TfToken[TOKEN.1]}" is a cdktf token (a TerraformVariable, another construct\'s attribute or an Fn call), not a literal.',
    ],
  ])("refuses %#", (make, message) => {
    expect(make).toThrow(message);
  });

  test("a lone $ or % is an ordinary character", () => {
    expect(Subject.exactly("job:a$b%c").matches("job:a$b%c")).toBe(true);
  });
});
