/**
 * A path as a URI reference: each `/`-separated segment percent-encoded, so that `#`, `?`, `%`,
 * `:`, spaces and non-ASCII characters stay part of the path (`encodeURI` leaves `#` and `?`
 * alone, and `infra/a#b.tf` would resolve to `infra/a`). Backslashes become `/`.
 *
 * @example
 * pathUri("infra/a#b?.tf"); // "infra/a%23b%3F.tf"
 */
export function pathUri(file: string): string {
  return file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

/**
 * An absolute path as a `file://` URI, each segment percent-encoded; a Windows drive (`C:`) keeps
 * its colon: `file:///C:/work/a%23b.tf`.
 *
 * @example
 * fileUri("/work/a#b.tf"); // "file:///work/a%23b.tf"
 */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, "/");
  const drive = /^([A-Za-z]):\//.exec(slashed);
  const rest = drive ? slashed.slice(2) : slashed;
  return `file://${drive ? `/${drive[1]}:` : ""}${pathUri(rest)}`;
}
