/**
 * Terraform's `regex`, `regexall` and `replace` use Go's RE2 syntax. A pattern is evaluated only
 * when its JavaScript translation matches exactly what RE2 matches; anything else (lookaround and
 * backreferences, which RE2 refuses, POSIX classes, `\p`, `\Q...\E`, flags other than a leading
 * `(?i)` / `(?m)` / `(?s)`) is refused, and the call stays unknown.
 */
export type Re2Translation =
  { readonly ok: true; readonly regex: RegExp; readonly named: readonly string[]; readonly groups: number } | { readonly ok: false; readonly reason: string };

const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);
const SPACE = "\\t\\n\\f\\r ";
const WORD = "0-9A-Za-z_";

/** `\uXXXX` form of a literal character, valid anywhere in a `u`-mode JavaScript pattern. */
function literal(ch: string): string {
  return `\\u{${(ch.codePointAt(0) as number).toString(16)}}`;
}

/**
 * Translates an RE2 pattern into a JavaScript `RegExp` (flag `u`, code points as RE2 reads UTF-8).
 *
 * @example
 * translateRe2("^(?P<org>[^/]+)/").ok; // true: named group (?<org>...)
 * translateRe2("(?=a)").ok; // false
 */
export function translateRe2(pattern: string): Re2Translation {
  let flags = "u";
  let i = 0;
  const lead = /^\(\?([ims]+)\)/.exec(pattern);
  if (lead) {
    flags += [...new Set(lead[1])].join("");
    i = lead[0].length;
  }
  const dotAll = flags.includes("s");
  const chars = [...pattern.slice(i)];
  const named: string[] = [];
  let groups = 0;
  let out = "";
  const refuse = (reason: string): Re2Translation => ({ ok: false, reason });
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    if (c === "\\") {
      const e = escape(chars, k, false);
      if ("reason" in e) return refuse(e.reason);
      out += e.text;
      k = e.end;
    } else if (c === "[") {
      const cls = charClass(chars, k);
      if ("reason" in cls) return refuse(cls.reason);
      out += cls.text;
      k = cls.end;
    } else if (c === "(") {
      if (chars[k + 1] !== "?") {
        groups++;
        out += "(";
      } else if (chars[k + 2] === ":") {
        out += "(?:";
        k += 2;
      } else if (chars[k + 2] === "P" && chars[k + 3] === "<") {
        const close = chars.indexOf(">", k + 4);
        const name = chars.slice(k + 4, close).join("");
        if (close < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return refuse(`the group name ${JSON.stringify(name)} is not one RE2 accepts`);
        if (named.includes(name)) return refuse(`the group name ${JSON.stringify(name)} is used twice`);
        named.push(name);
        groups++;
        out += `(?<${name}>`;
        k = close;
      } else
        return refuse(`the group ${JSON.stringify(chars.slice(k, k + 4).join(""))} (lookaround, inline flags or (?<name>) are not RE2 syntax wif evaluates)`);
    } else if (c === ".") out += dotAll ? "[\\s\\S]" : "[^\\n]";
    else if (c === "{") {
      const rep = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(k, k + 12).join(""));
      if (rep) {
        if (Number(rep[1]) > 1000 || Number(rep[3] || 0) > 1000) return refuse("a repetition count above 1000");
        out += rep[0];
        k += rep[0].length - 1;
      } else out += "\\{";
    } else if (c === "}" || c === "]") out += `\\${c}`;
    // In multi-line mode RE2's ^ and $ are at \n only (JavaScript's also at \r, U+2028, U+2029).
    else if (c === "^" && flags.includes("m")) out += "(?<![^\\n])";
    else if (c === "$" && flags.includes("m")) out += "(?![^\\n])";
    else if (c === "/") out += "\\/";
    else out += c;
  }
  // With `i` and `u`, JavaScript's \b also counts U+017F and U+212A as word characters; RE2 does not.
  if (flags.includes("i") && /\\[bB]/.test(out)) return refuse("\\b in a case-insensitive pattern");
  try {
    return { ok: true, regex: new RegExp(out, flags), named, groups };
  } catch (err) {
    return refuse((err as Error).message);
  }
}

type Piece = { readonly text: string; readonly end: number } | { readonly reason: string };

/** An escape at `chars[k]` (a backslash); inside a class `\b` is a backspace in neither, so refused. */
function escape(chars: readonly string[], k: number, inClass: boolean): Piece {
  const n = chars[k + 1];
  if (n === undefined) return { reason: "a trailing backslash" };
  switch (n) {
    case "d":
    case "D":
    case "n":
    case "t":
    case "r":
    case "f":
    case "v":
      return { text: `\\${n}`, end: k + 1 };
    case "s":
      return { text: inClass ? SPACE : `[${SPACE}]`, end: k + 1 };
    case "S":
      return inClass ? { reason: "\\S inside a class" } : { text: `[^${SPACE}]`, end: k + 1 };
    case "w":
      return { text: inClass ? WORD : `[${WORD}]`, end: k + 1 };
    case "W":
      return inClass ? { reason: "\\W inside a class" } : { text: `[^${WORD}]`, end: k + 1 };
    case "b":
    case "B":
      return inClass ? { reason: "\\b inside a class" } : { text: `\\${n}`, end: k + 1 };
    case "A":
      return inClass ? { reason: "\\A inside a class" } : { text: "(?<![\\s\\S])", end: k + 1 };
    case "z":
      return inClass ? { reason: "\\z inside a class" } : { text: "(?![\\s\\S])", end: k + 1 };
    case "x": {
      const m = /^x(\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(chars.slice(k + 1, k + 11).join(""));
      if (!m) return { reason: "a malformed \\x escape" };
      return { text: `\\u{${m[2] ?? m[3]}}`, end: k + m[0].length };
    }
  }
  if (/[A-Za-z0-9]/.test(n)) return { reason: `the escape \\${n} (backreferences, \\p, \\Q and octal escapes are not evaluated)` };
  return { text: SYNTAX.has(n) ? `\\${n}` : literal(n), end: k + 1 };
}

/** A bracketed class at `chars[k]`, copied item by item so every escape is translated. */
function charClass(chars: readonly string[], k: number): Piece {
  let text = "[";
  let j = k + 1;
  if (chars[j] === "^") {
    text += "^";
    j++;
  }
  const first = j;
  // A `]` first in the class is a literal in RE2.
  if (chars[j] === "]") {
    text += "\\]";
    j++;
  }
  for (; j < chars.length; j++) {
    const c = chars[j];
    if (c === "]") return { text: text + "]", end: j };
    if (c === "[") {
      if (chars[j + 1] === ":") return { reason: "a POSIX class [[:name:]]" };
      text += "\\[";
    } else if (c === "\\") {
      const e = escape(chars, j, true);
      if ("reason" in e) return e;
      // `[\w-x]`: a range from a class, which the two engines read differently.
      if (/^[dDsSwW]$/.test(chars[j + 1]) && chars[e.end + 1] === "-" && chars[e.end + 2] !== "]") return { reason: "a range next to a class escape" };
      text += e.text;
      j = e.end;
    } else if (c === "-") text += j === first || chars[j + 1] === "]" ? "\\-" : "-";
    else if (c === "/" || c === "{" || c === "}" || c === "(" || c === ")" || c === "|") text += `\\${c}`;
    else text += c;
  }
  return { reason: "a class without its closing ]" };
}
