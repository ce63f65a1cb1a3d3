import { iamLiteralForStringLike, iamPatternForStringLike } from "../../../src/compile/aws";

describe("IAM StringLike escaping", () => {
  it.each([
    ["plain", "repo:o/r:ref:refs/heads/main", "repo:o/r:ref:refs/heads/main", "repo:o/r:ref:refs/heads/main"],
    ["policy variable", "${aws:username}", "${$}{aws:username}", "${$}{aws:username}"],
    ["wildcards", "a*b?c", "a${*}b${?}c", "a*b?c"],
    ["all three", "$*?", "${$}${*}${?}", "${$}*?"],
  ])("%s: %s", (_name, input, likeLiteral, likePattern) => {
    expect(iamLiteralForStringLike(input)).toBe(likeLiteral);
    expect(iamPatternForStringLike(input)).toBe(likePattern);
  });
});
