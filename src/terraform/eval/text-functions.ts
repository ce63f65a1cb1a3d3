import { createHash } from "crypto";
import { EvalError, Fn, strict, string, whys } from "./function-helpers";
import { formatVerbs } from "./format-verbs";
import { translateRe2 } from "./re2";
import { hasUnknown, isObject, isUnknown, Unknown, Value } from "./value";

/**
 * String functions with Terraform's semantics: `title`, `formatlist`, `regex`, `regexall`,
 * `csvdecode`, `templatestring`, `indent` and the hash functions. A regular expression wif
 * cannot translate exactly (see `translateRe2`) leaves the call unknown, naming the function.
 */
export const TEXT_FUNCTIONS: Readonly<Record<string, Fn>> = {
  title: strict((args) => title(string(args[0], "title"))),
  formatlist: (args, host, text) => formatlist(args, host.note, text),
  regex: strict((args, _h, text) => {
    const re = compiled("regex", string(args[0], "regex"), text);
    if (re instanceof Unknown) return re;
    const m = matches(re.regex, string(args[1], "regex"), false)[0];
    if (m === undefined) throw new EvalError(`regex: the pattern ${JSON.stringify(args[0])} did not match any part of the given string`);
    return result(m, re.named, re.groups);
  }),
  regexall: strict((args, _h, text) => {
    const re = compiled("regexall", string(args[0], "regexall"), text);
    if (re instanceof Unknown) return re;
    return matches(re.regex, string(args[1], "regexall"), true).map((m) => result(m, re.named, re.groups));
  }),
  csvdecode: strict((args) => csvdecode(string(args[0], "csvdecode"))),
  templatestring: (args, host, text) => {
    const [template, vars] = args;
    // A known string is rendered whole: its `${...}` are the template's own interpolations (a part
    // unknown to wif is written the same way and stays unknown when rendered).
    if (isUnknown(template) || isUnknown(vars)) return new Unknown(text, [...whys(template), ...whys(vars)]);
    if (!isObject(vars)) throw new EvalError("templatestring: the variables must be an object");
    return host.renderTemplate(string(template, "templatestring"), vars, "templatestring");
  },
  indent: strict((args) => {
    const spaces = " ".repeat(Number(args[0]));
    return string(args[1], "indent").replace(/\n/g, `\n${spaces}`);
  }),
  md5: strict((args) => hash("md5", string(args[0], "md5"), "hex")),
  sha1: strict((args) => hash("sha1", string(args[0], "sha1"), "hex")),
  sha256: strict((args) => hash("sha256", string(args[0], "sha256"), "hex")),
  sha512: strict((args) => hash("sha512", string(args[0], "sha512"), "hex")),
  base64sha256: strict((args) => hash("sha256", string(args[0], "base64sha256"), "base64")),
  base64sha512: strict((args) => hash("sha512", string(args[0], "base64sha512"), "base64")),
};

function hash(algorithm: string, s: string, encoding: "hex" | "base64"): string {
  return createHash(algorithm).update(s, "utf8").digest(encoding);
}

/** Go's strings.Title, which Terraform's `title` is: a letter after a separator is upper-cased. */
function title(s: string): string {
  let out = "";
  let previous = " ";
  for (const ch of s) {
    out += separator(previous) ? ch.toUpperCase() : ch;
    previous = ch;
  }
  return out;
}

function separator(ch: string): boolean {
  if (/^[\p{L}\p{Nd}_]$/u.test(ch)) return false;
  if ((ch.codePointAt(0) as number) <= 0x7f) return true;
  return /^\s$/u.test(ch);
}

/**
 * `formatlist(spec, args...)`: one string per element; list arguments must have one length and
 * the others are repeated. An unknown list makes the result unknown; an unknown element is written
 * `${...}` in its string.
 */
function formatlist(args: readonly Value[], note: ((u: Unknown) => void) | undefined, text: string): Value {
  const [spec, ...rest] = args;
  if (hasUnknown(spec) || rest.some(isUnknown)) return new Unknown(text, args.flatMap(whys));
  let length: number | undefined;
  for (const [i, a] of rest.entries()) {
    if (!Array.isArray(a)) continue;
    if (length !== undefined && a.length !== length)
      throw new EvalError(`formatlist: argument ${i + 2} has length ${a.length}, which is inconsistent with previous arguments of length ${length}`);
    length = a.length;
  }
  const format = string(spec, "formatlist");
  return Array.from({ length: length ?? 1 }, (_, n) =>
    formatVerbs(
      format,
      rest.map((a) => (Array.isArray(a) ? (a as readonly Value[])[n] : a)),
      note,
    ),
  );
}

function compiled(name: string, pattern: string, text: string) {
  const re = translateRe2(pattern);
  if (!re.ok) return new Unknown(text, [`${name}(): the pattern ${JSON.stringify(pattern)} is not evaluated by wif (${re.reason})`]);
  return re;
}

/**
 * Matches as Go's FindAllStringSubmatch does: after an empty match the search moves one character
 * on, and an empty match right after the previous match is dropped.
 */
function matches(regex: RegExp, s: string, all: boolean): RegExpExecArray[] {
  const re = new RegExp(regex.source, regex.flags + "g");
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let previousEnd = -1;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos && m[0].length === 0) {
      if (m.index === previousEnd) accept = false;
      pos += (s.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
    } else pos = end;
    previousEnd = end;
    if (accept) {
      out.push(m);
      if (!all) break;
    }
  }
  return out;
}

/** A match as Terraform returns it: the string, a list of captures, or a map of named captures (unmatched: null). */
function result(m: RegExpExecArray, named: readonly string[], groups: number): Value {
  if (groups === 0) return m[0];
  if (named.length > 0) {
    if (named.length !== groups) throw new EvalError("regex: a pattern may not mix named and unnamed capture groups");
    return Object.fromEntries(named.map((n) => [n, m.groups?.[n] ?? null]));
  }
  return m.slice(1).map((x) => x ?? null);
}

/** `replace` with `/pattern/`: every match replaced, `$1` / `${name}` in the replacement expanded as Go's Expand. */
export function replaceRe2(subject: string, pattern: string, replacement: string, text: string): Value {
  const re = compiled("replace", pattern, text);
  if (re instanceof Unknown) return re;
  let out = "";
  let last = 0;
  for (const m of matches(re.regex, subject, true)) {
    out += subject.slice(last, m.index) + expand(replacement, m);
    last = m.index + m[0].length;
  }
  return out + subject.slice(last);
}

/**
 * Go's `Regexp.Expand`: `$$` is `$`; `$name` takes the longest run of Unicode letters, digits and `_`,
 * `${name}` the braced run; a name of ASCII digits without a leading zero and at most 9 digits is a group
 * number; any other name is a named group; an absent or unmatched group gives ""; a malformed `$` stays.
 */
export function expand(template: string, m: RegExpExecArray): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    const ref = extractReference(template, i);
    if (!ref) {
      out += "$";
      continue;
    }
    i = ref.rest;
    out += groupText(ref.name, m);
  }
  return out + template.slice(i);
}

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** Go's `extract`: the name after a `$` starting at `start`, and where the rest begins; undefined when malformed. */
function extractReference(template: string, start: number): { readonly name: string; readonly rest: number } | undefined {
  const brace = template[start] === "{";
  const from = brace ? start + 1 : start;
  let end = from;
  while (end < template.length) {
    const c = String.fromCodePoint(template.codePointAt(end) ?? 0);
    if (!NAME_CHAR.test(c)) break;
    end += c.length;
  }
  if (end === from) return undefined;
  if (!brace) return { name: template.slice(from, end), rest: end };
  if (template[end] !== "}") return undefined;
  return { name: template.slice(from, end), rest: end + 1 };
}

function groupText(name: string, m: RegExpExecArray): string {
  const isNumber = /^[0-9]{1,9}$/.test(name) && !(name.length > 1 && name.startsWith("0"));
  if (isNumber) return m[Number(name)] ?? "";
  const groups = m.groups;
  return groups !== undefined && Object.hasOwn(groups, name) ? (groups[name] ?? "") : "";
}

/**
 * `csvdecode`: RFC 4180 text (Go's encoding/csv), the first line naming the columns; every row
 * must have as many fields as the header.
 */
function csvdecode(s: string): Value {
  const rows = csvRows(s);
  if (rows.length === 0) throw new EvalError("csvdecode: missing header line");
  const [header, ...records] = rows;
  return records.map((row, i) => {
    if (row.length !== header.length) throw new EvalError(`csvdecode: record ${i + 2} has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, row[k]]));
  });
}

function csvRows(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quotedField = false;
  const endRow = () => {
    row.push(field);
    // Go's reader skips empty lines.
    if (!(row.length === 1 && row[0] === "" && !quotedField)) rows.push(row);
    row = [];
    field = "";
    quotedField = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '"' && field === "" && !quotedField) {
      quotedField = true;
      let j = i + 1;
      for (;;) {
        if (j >= s.length) throw new EvalError('csvdecode: extraneous or missing " in quoted-field');
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            field += '"';
            j += 2;
            continue;
          }
          break;
        }
        field += s[j] === "\r" && s[j + 1] === "\n" ? "" : s[j];
        j++;
      }
      i = j + 1;
      if (i < s.length && s[i] !== "," && s[i] !== "\n" && !(s[i] === "\r" && s[i + 1] === "\n"))
        throw new EvalError('csvdecode: extraneous or missing " in quoted-field');
      continue;
    }
    if (c === '"') throw new EvalError('csvdecode: bare " in non-quoted-field');
    if (c === ",") {
      row.push(field);
      field = "";
      quotedField = false;
      i++;
    } else if (c === "\n" || (c === "\r" && s[i + 1] === "\n")) {
      endRow();
      i += c === "\r" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0 || quotedField) endRow();
  return rows;
}
