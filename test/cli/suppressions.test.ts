import { acknowledgementsFromJsonComment, parseAcknowledgements } from "../../src/terraform/suppressions";

describe("parseAcknowledgements (HCL comments, JSON strings)", () => {
  test.each<[string, string, object[], string[]]>([
    ["the documented form", " wif:acknowledge WIF004 reason: read-only role for every branch", [{ rule: "WIF004", reason: "read-only role for every branch" }], []],
    ["block comment lines with *", "\n * wif:acknowledge WIF008 reason: owner id not published yet\n ", [{ rule: "WIF008", reason: "owner id not published yet" }], []],
    ["prose is not a suppression", " see docs about wif:acknowledge WIF004", [], []],
    [
      "a missing reason",
      " wif:acknowledge WIF004",
      [],
      ['malformed suppression "wif:acknowledge WIF004": write it as "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>".'],
    ],
    [
      "a short reason",
      " wif:acknowledge WIF004 reason: ok",
      [],
      ['suppression of WIF004 has the reason "ok", shorter than 10 characters: say why the finding is acceptable here.'],
    ],
    [
      "a bad rule id",
      " wif:acknowledge wif4 reason: read-only role for every branch",
      [],
      ['malformed suppression "wif:acknowledge wif4 reason: read-only role for every branch": write it as "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>".'],
    ],
  ])("%s", (_, text, acknowledgements, problems) => {
    expect(parseAcknowledgements(text)).toEqual({ acknowledgements, problems });
  });
});

describe('acknowledgementsFromJsonComment (the "//" property)', () => {
  const ack = { rule: "WIF004", reason: "read-only role for every branch" };
  test.each<[string, unknown, object[], number]>([
    ["a string", "wif:acknowledge WIF004 reason: read-only role for every branch", [ack], 0],
    ["a list of strings", ["note", "wif:acknowledge WIF004 reason: read-only role for every branch"], [ack], 0],
    ["cdktf metadata with wif.acknowledge", { metadata: { path: "s/r" }, wif: { acknowledge: [ack] } }, [ack], 0],
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
