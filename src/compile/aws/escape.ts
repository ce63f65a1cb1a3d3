/**
 * IAM `StringLike` escaping. In condition values IAM reads `${...}` as a policy variable, and
 * `StringLike` reads `*` and `?` as wildcards; the special variables `${$}`, `${*}` and `${?}`
 * stand for the literal characters.
 */

/** A literal value for `StringLike`: `$`, `*` and `?` are escaped so that it matches only itself. */
export function iamLiteralForStringLike(value: string): string {
  return value.replace(/[$*?]/g, (c) => "${" + c + "}");
}

/** A glob pattern (`*`, `?` wildcards) for `StringLike`: `$` is escaped, the wildcards are kept. */
export function iamPatternForStringLike(pattern: string): string {
  return pattern.replace(/\$/g, "${$}");
}
