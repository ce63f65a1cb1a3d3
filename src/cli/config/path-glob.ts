/**
 * Exclude patterns of `.wif.yaml`, gitignore-like and relative to the config file's directory:
 * `*` matches within one path segment, `?` one character of it, `**` any number of segments. A
 * pattern with a `/` (`./x.tf`, `modules/legacy`) is anchored to that directory; one without `/` matches a file or directory name at any depth (`*_test.tf`, `fixtures`); a
 * pattern that matches a directory excludes everything under it (`modules/legacy`).
 *
 * @example
 * const excluded = excludeMatcher(["modules/legacy", "*_test.tf"]);
 * excluded("modules/legacy/main.tf"); // true
 * excluded("infra/iam_test.tf"); // true
 */
export function excludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const regexps = patterns.map(patternToRegExp);
  return (relativePath) => {
    const p = relativePath.split("\\").join("/").replace(/^\.\//, "");
    return regexps.some((re) => re.test(p));
  };
}

function patternToRegExp(pattern: string): RegExp {
  const normal = pattern.split("\\").join("/").replace(/\/+$/, "");
  // A "/" anywhere but at the end anchors the pattern to the config's directory, as in .gitignore.
  const anchored = normal.includes("/");
  let p = normal.replace(/^\.\//, "");
  if (p.startsWith("/")) p = p.slice(1);
  const segments = p.split("/").map((segment) => {
    if (segment === "**") return "(?:[^/]+/)*";
    let source = "";
    for (const ch of segment) {
      if (ch === "*") source += "[^/]*";
      else if (ch === "?") source += "[^/]";
      else source += ch.replace(/[\\^$.+()[\]{}|]/g, "\\$&");
    }
    return `${source}/`;
  });
  // Segments end with "/"; the last one's slash is dropped and followed by "a directory of it, or the end".
  const body = segments
    .join("")
    .replace(/\/$/, "")
    .replace(/\(\?:\[\^\/\]\+\/\)\*$/, "(?:[^/]+/)*[^/]+");
  return new RegExp(`^${anchored ? "" : "(?:[^/]+/)*"}${body}(?:/.*)?$`);
}
