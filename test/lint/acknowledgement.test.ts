import {
  acknowledgementApplies,
  acknowledgementsFromJsonComment,
  checkAcknowledgement,
  checkAcknowledgements,
  describeAcknowledgement,
  parseAcknowledgementComment,
  unusedAcknowledgements,
} from "../../src/lint/acknowledgement";

describe("parseAcknowledgementComment (HCL comments, JSON strings)", () => {
  test.each<[string, string, object[], string[]]>([
    [
      "the documented form",
      " wif:acknowledge WIF004 reason: read-only role for every branch",
      [{ rule: "WIF004", reason: "read-only role for every branch" }],
      [],
    ],
    [
      "block comment lines with *",
      "\n * wif:acknowledge WIF008 reason: owner id not published yet\n ",
      [{ rule: "WIF008", reason: "owner id not published yet" }],
      [],
    ],
    ["prose is not a suppression", " see docs about wif:acknowledge WIF004", [], []],
    [
      "one acknowledgement per line, LF or CRLF",
      "# wif:acknowledge WIF004 reason: read-only role for every branch\n# wif:acknowledge WIF008 reason: owner id not published yet\r\n# wif:acknowledge WIF005 reason: pull requests only plan here",
      [
        { rule: "WIF004", reason: "read-only role for every branch" },
        { rule: "WIF008", reason: "owner id not published yet" },
        { rule: "WIF005", reason: "pull requests only plan here" },
      ],
      [],
    ],
    [
      "a malformed line is quoted without its trailing blanks",
      " wif:acknowledge WIF004   ",
      [],
      [
        'malformed acknowledgement "wif:acknowledge WIF004": write it as "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>" (or "wif:acknowledge WIF004[repo:octo/app:*] reason: <why>" for one finding).',
      ],
    ],
    [
      "a missing reason",
      " wif:acknowledge WIF004",
      [],
      [
        'malformed acknowledgement "wif:acknowledge WIF004": write it as "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>" (or "wif:acknowledge WIF004[repo:octo/app:*] reason: <why>" for one finding).',
      ],
    ],
    [
      "a short reason",
      " wif:acknowledge WIF004 reason: ok",
      [],
      ['the reason for acknowledging WIF004 is "ok"; give at least 10 characters saying why the risk is acceptable here.'],
    ],
    [
      "a bad rule id",
      " wif:acknowledge wif4 reason: read-only role for every branch",
      [],
      [
        'malformed acknowledgement "wif:acknowledge wif4 reason: read-only role for every branch": write it as "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>" (or "wif:acknowledge WIF004[repo:octo/app:*] reason: <why>" for one finding).',
      ],
    ],
    [
      "one finding with appliesTo",
      " wif:acknowledge WIF004[repo:octo/app:*] reason: read-only role for every branch",
      [{ rule: "WIF004", appliesTo: ["repo:octo/app:*"], reason: "read-only role for every branch" }],
      [],
    ],
    [
      "an unknown rule",
      " wif:acknowledge WIF999 reason: read-only role for every branch",
      [],
      ['"WIF999" is not a rule id. Known rules: WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011.'],
    ],
  ])("%s", (_, text, acknowledgements, problems) => {
    expect(parseAcknowledgementComment(text)).toEqual({ acknowledgements, problems });
  });
});

describe('acknowledgementsFromJsonComment (the "//" property)', () => {
  const ack = { rule: "WIF004", reason: "read-only role for every branch" };
  test.each<[string, unknown, object[], number]>([
    ["a string", "wif:acknowledge WIF004 reason: read-only role for every branch", [ack], 0],
    ["a list of strings", ["note", "wif:acknowledge WIF004 reason: read-only role for every branch"], [ack], 0],
    ["cdktf metadata with wif.acknowledge", { metadata: { path: "s/r" }, wif: { acknowledge: [ack] } }, [ack], 0],
    ["an entry with appliesTo", { wif: { acknowledge: [{ ...ack, appliesTo: ["repo:octo/app:*"] }] } }, [{ ...ack, appliesTo: ["repo:octo/app:*"] }], 0],
    ["an entry with an empty appliesTo", { wif: { acknowledge: [{ ...ack, appliesTo: [] }] } }, [], 1],
    ["an entry with an unknown key", { wif: { acknowledge: [{ ...ack, applies: ["x"] }] } }, [], 1],
    ["cdktf metadata alone", { metadata: { path: "s/r" } }, [], 0],
    ["an object entry without a reason", { wif: { acknowledge: [{ rule: "WIF004" }] } }, [], 1],
    ["an object entry with a short reason", { wif: { acknowledge: [{ rule: "WIF004", reason: "ok" }] } }, [], 1],
    ["wif without an acknowledge list", { wif: { acknowledge: "WIF004" } }, [], 1],
    ["a plain comment", "generated, do not edit", [], 0],
    ["absent", undefined, [], 0],
  ])("%s", (_, comment, acknowledgements, problemCount) => {
    const parsed = acknowledgementsFromJsonComment(comment);
    expect(parsed.acknowledgements).toEqual(acknowledgements);
    expect(parsed.problems).toHaveLength(problemCount);
  });
});

describe("checkAcknowledgement (construct props, JSON, config files)", () => {
  const reason = "read-only role for every branch";
  test.each<[string, unknown, object]>([
    ["a rule and a reason", { rule: "WIF004", reason }, { rule: "WIF004", reason }],
    ["appliesTo", { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason }, { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason }],
    ["a reason with blanks around it is trimmed", { rule: "WIF004", reason: `  ${reason} ` }, { rule: "WIF004", reason }],
    [
      "not an object",
      "WIF004",
      { problem: 'expected { rule: "WIF004", appliesTo?: ["<finding value>", ...], reason: "<why, at least 10 characters>" }, got "WIF004".' },
    ],
    [
      "an unknown key",
      { rule: "WIF004", reason, appliesto: ["x"] },
      { problem: 'unknown key "appliesto": an acknowledgement takes rule, appliesTo and reason.' },
    ],
    ["a lower-case rule", { rule: "wif004", reason }, { problem: expect.stringMatching(/^"wif004" is not a rule id/) }],
    [
      "appliesTo as a string",
      { rule: "WIF004", appliesTo: "repo:o/a:*", reason },
      { problem: expect.stringMatching(/^appliesTo of WIF004 is "repo:o\/a:\*": give a non-empty list/) },
    ],
    ["appliesTo with an empty value", { rule: "WIF004", appliesTo: [""], reason }, { problem: expect.stringMatching(/^appliesTo of WIF004/) }],
    [
      "appliesTo with one empty value among others",
      { rule: "WIF004", appliesTo: ["repo:o/a:*", ""], reason },
      { problem: expect.stringMatching(/^appliesTo of WIF004/) },
    ],
    ["appliesTo with a number", { rule: "WIF004", appliesTo: [42], reason }, { problem: expect.stringMatching(/^appliesTo of WIF004 is \[42\]/) }],
    [
      "appliesTo with a nested list",
      { rule: "WIF004", appliesTo: [["repo:o/a:*"]], reason },
      { problem: expect.stringMatching(/^appliesTo of WIF004 is \[\["repo:o\/a:\*"\]\]/) },
    ],
    ["null", null, { problem: expect.stringMatching(/^expected \{ rule: "WIF004".*, got null\.$/) }],
    ["a list", ["WIF004"], { problem: expect.stringMatching(/^expected \{ rule: "WIF004".*, got \["WIF004"\]\.$/) }],
    ["a reason of exactly 10 characters", { rule: "WIF004", reason: "0123456789" }, { rule: "WIF004", reason: "0123456789" }],
    [
      "a reason with blanks around it is trimmed with appliesTo too",
      { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason: ` ${reason}  ` },
      { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason },
    ],
    ["a reason of blanks", { rule: "WIF004", reason: "          " }, { problem: expect.stringMatching(/^the reason for acknowledging WIF004 is/) }],
    [
      "a reason that is not a string",
      { rule: "WIF004", reason: 12345678901 },
      { problem: expect.stringMatching(/^the reason for acknowledging WIF004 is 12345678901/) },
    ],
  ])("%s", (_, value, expected) => {
    expect(checkAcknowledgement(value)).toEqual(expected);
  });

  test("a list reports each bad entry with its index and keeps the good ones", () => {
    expect(checkAcknowledgements([{ rule: "WIF004", reason }, { rule: "WIF004" }])).toEqual({
      acknowledgements: [{ rule: "WIF004", reason }],
      problems: [expect.stringMatching(/^\[1\]: the reason for acknowledging WIF004/)],
    });
    expect(checkAcknowledgements("WIF004")).toEqual({ acknowledgements: [], problems: [expect.stringMatching(/^expected a list of/)] });
  });
});

describe("matching (cdk-nag appliesTo)", () => {
  const finding = (rule: string, value: string) => ({ rule, value });
  test.each<[string, object, { rule: string; value: string }, boolean]>([
    ["no appliesTo covers every value of the rule", { rule: "WIF004", reason: "r".repeat(10) }, finding("WIF004", "repo:o/a:*"), true],
    ["another rule is not covered", { rule: "WIF004", reason: "r".repeat(10) }, finding("WIF005", "repo:o/a:pull_request"), false],
    ["a listed value is covered", { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason: "r".repeat(10) }, finding("WIF004", "repo:o/a:*"), true],
    ["values compare exactly", { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason: "r".repeat(10) }, finding("WIF004", "repo:o/b:*"), false],
    ["no pattern matching in appliesTo", { rule: "WIF004", appliesTo: ["repo:o/*"], reason: "r".repeat(10) }, finding("WIF004", "repo:o/a:*"), false],
  ])("%s", (_, ack, f, expected) => {
    expect(acknowledgementApplies(ack as never, f)).toBe(expected);
  });

  test("an acknowledgement that covers no finding is unused", () => {
    const acks = [
      { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason: "r".repeat(10) },
      { rule: "WIF004", appliesTo: ["repo:o/b:*"], reason: "r".repeat(10) },
    ];
    expect(unusedAcknowledgements(acks, [finding("WIF004", "repo:o/a:*")])).toEqual([acks[1]]);
    expect(unusedAcknowledgements(acks, [finding("WIF004", "repo:o/a:*"), finding("WIF004", "repo:o/c:*")])).toEqual([acks[1]]);
  });
});

describe("describeAcknowledgement (how messages name an acknowledgement)", () => {
  test.each<[string, object, string]>([
    ["the whole rule", { rule: "WIF004", reason: "r".repeat(10) }, "WIF004"],
    ["one value", { rule: "WIF004", appliesTo: ["repo:o/a:*"], reason: "r".repeat(10) }, "WIF004[repo:o/a:*]"],
    ["several values", { rule: "WIF008", appliesTo: ["repo:o/a:*", "repo:o/b:*"], reason: "r".repeat(10) }, "WIF008[repo:o/a:*], WIF008[repo:o/b:*]"],
  ])("%s", (_, ack, expected) => {
    expect(describeAcknowledgement(ack as never)).toBe(expected);
  });
});

describe("acknowledgementsFromJsonComment problems", () => {
  test("a bad entry is quoted with what is wrong with it", () => {
    expect(acknowledgementsFromJsonComment({ wif: { acknowledge: [{ rule: "WIF004" }] } }).problems).toEqual([
      'malformed acknowledgement {"rule":"WIF004"}: write "wif": { "acknowledge": [{ rule: "WIF004", appliesTo?: ["<finding value>", ...], reason: "<why, at least 10 characters>" }] }. ' +
        "(the reason for acknowledging WIF004 is undefined; give at least 10 characters saying why the risk is acceptable here.)",
    ]);
  });
});
