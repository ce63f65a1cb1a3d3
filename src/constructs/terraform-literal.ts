/**
 * Terraform reads every string in its JSON configuration as a template: `${...}` interpolates and
 * `%{...}` is a directive. A literal that must reach the cloud unchanged (an IAM `${$}` escape, a
 * subject) is written with `$${` and `%%{`. Strings listed in `keep` (cdktf tokens such as a
 * provider ARN reference) are left as interpolations.
 *
 * @example
 * terraformLiteral('{"k":"a${$}b","arn":"${TfToken[TOKEN.1]}"}', ["${TfToken[TOKEN.1]}"]);
 * // '{"k":"a$${$}b","arn":"${TfToken[TOKEN.1]}"}'
 */
export function terraformLiteral(value: string, keep: readonly string[] = []): string {
  const kept = keep.filter((k) => k.length > 0 && value.includes(k));
  if (kept.length === 0) return escape(value);
  const [first, ...rest] = kept;
  return value
    .split(first)
    .map((part) => terraformLiteral(part, rest))
    .join(first);
}

function escape(text: string): string {
  // A function replacement: in a replacement string "$$" would mean one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** cdktf tokens inside a string: `${TfToken[TOKEN.12]}`. Anything else in `${...}` is Terraform's, not cdktf's. */
const TOKEN = /\$\{TfToken\[[A-Za-z0-9_.]+\]\}/g;

/**
 * The one helper for every string a construct writes (descriptions, display names, tags, names):
 * Terraform would evaluate `${...}` and `%{...}` in it, so they are escaped (`$${`, `%%{`) and reach
 * the cloud literally; cdktf tokens in the string (`${TfToken[...]}`, a reference the user built)
 * stay references.
 *
 * @example
 * terraformText('deploy ${file("/etc/hostname")}'); // 'deploy $${file("/etc/hostname")}'
 */
export function terraformText(value: string): string {
  return terraformLiteral(value, [...new Set(value.match(TOKEN) ?? [])]);
}

/** `terraformText` over every key and value of a tag map. */
export function terraformTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [terraformText(k), terraformText(v)]));
}
