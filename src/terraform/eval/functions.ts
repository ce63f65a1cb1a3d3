import type * as Yaml from "yaml";
import { EvalError, FunctionHost, Fn, list, strict, string, whys } from "./function-helpers";
import { formatVerbs } from "./format-verbs";
import { COLLECTION_FUNCTIONS } from "./collection-functions";
import { replaceRe2, TEXT_FUNCTIONS } from "./text-functions";
import { convertPrimitive, toSet } from "./type-conversion";
import { hasUnknown, isObject, isPartial, isUnknown, mapLiterals, marker, sameValue, toPlain, Unknown, Value } from "./value";

export { EvalError } from "./function-helpers";
export type { FunctionHost } from "./function-helpers";

/**
 * One of `options` when the host's variant evaluation takes it (asked in turn), else `otherwise`
 * (the unknown): lets each value an unknown choice may produce be judged.
 */
export function chooseOne(host: FunctionHost, options: readonly Value[], otherwise: Value, text: string): Value {
  for (const option of options) {
    const take = host.unknownCondition?.(text);
    if (take === undefined) return otherwise;
    if (take) return option;
  }
  return otherwise;
}

/** Base64 text as Terraform's decoder accepts it (padded, standard alphabet). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Terraform refuses text that is not base64 or whose bytes are not UTF-8. */
function base64decode(s: string, name: string): string {
  if (!BASE64.test(s)) throw new EvalError(`${name}: not base64: ${JSON.stringify(s.slice(0, 40))}`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(s, "base64"));
  } catch {
    throw new EvalError(`${name}: the decoded bytes are not UTF-8`);
  }
}

function utf8Encoding(v: Value): boolean {
  return typeof v === "string" && /^utf-?8$/i.test(v);
}

function unsupported(name: string): never {
  throw new EvalError(`${name}: only the UTF-8 encoding is evaluated by wif`);
}

/** Go's url.QueryEscape, as Terraform's urlencode: spaces become "+", bytes outside [A-Za-z0-9-_.~] %XX. */
function urlencode(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : c === " " ? "+" : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `yaml` (72 modules), loaded by the first `yamldecode`: loading the package reaches this file through `TrustChecks`. */
let yaml: typeof Yaml | undefined;

function yamldecode(s: string): Value {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml ??= require("yaml") as typeof Yaml;
    const doc = yaml.parseDocument(s, { uniqueKeys: true });
    if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
    return doc.toJS() as Value;
  } catch (err) {
    throw new EvalError(`yamldecode: ${(err as Error).message}`);
  }
}

/** A function that keeps partly known strings: applied to literal parts only. */
function literalMap(fn: (s: string, args: readonly Value[]) => string): Fn {
  return (args, _host, text) => {
    const [first, ...rest] = args;
    if (isUnknown(first) || rest.some(hasUnknown)) return new Unknown(text, args.flatMap(whys));
    const s = string(first, "argument");
    return isPartial(s) ? mapLiterals(s, (t) => fn(t, rest)) : fn(s, rest);
  };
}

const CORE_FUNCTIONS: Readonly<Record<string, Fn>> = {
  replace: (args, _h, text) => {
    const [s, search, repl] = args;
    if (isUnknown(s) || hasUnknown(search) || hasUnknown(repl)) return new Unknown(text, args.flatMap(whys));
    const subject = string(s, "replace");
    const from = string(search, "replace");
    const to = string(repl, "replace");
    const re = /^\/(.*)\/$/s.exec(from);
    if (!re) {
      const apply = (t: string) => t.split(from).join(to);
      return isPartial(subject) ? mapLiterals(subject, apply) : apply(subject);
    }
    // A regular expression may match across an unknown part: only a known subject is replaced.
    if (isPartial(subject)) return new Unknown(text, whys(s));
    return replaceRe2(subject, re[1], to, text);
  },
  format: (args, host, text) => {
    if (hasUnknown(args[0])) return new Unknown(text, whys(args[0]));
    return formatVerbs(string(args[0], "format"), args.slice(1), host.note);
  },
  join: (args, _h, text) => {
    const [sep, ...lists] = args;
    if (hasUnknown(sep) || lists.some(isUnknown)) return new Unknown(text, args.flatMap(whys));
    return lists
      .flatMap((l) => list(l, "join"))
      .map((v) => (isUnknown(v) ? written(v, _h) : string(v, "join")))
      .join(string(sep, "join"));
  },
  split: strict((args) => string(args[1], "split").split(string(args[0], "split"))),
  concat: (args, _h, text) => (args.some(isUnknown) ? new Unknown(text, args.flatMap(whys)) : args.flatMap((a) => list(a, "concat"))),
  // An unknown element may be a list: it stays one unknown element; the known ones are kept (and judged).
  flatten: (args) => flatten(list(args[0], "flatten")),
  distinct: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : distinct(list(args[0], "distinct"))),
  compact: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : list(args[0], "compact").filter((v) => v !== "" && v !== null)),
  tolist: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : [...list(args[0], "tolist")]),
  toset: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : toSet(list(args[0], "toset"))),
  tomap: (args, _h, text) => {
    if (isUnknown(args[0]) || args[0] === null) return isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : null;
    if (!isObject(args[0])) throw new EvalError(`tomap: a map is required, got ${JSON.stringify(toPlain(args[0]))}`);
    return args[0];
  },
  tostring: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : convertPrimitive(args[0], "string", "tostring")),
  // The value itself: marking a value sensitive (or not) changes how Terraform prints it, nothing else.
  sensitive: (args) => args[0],
  nonsensitive: (args) => args[0],
  tonumber: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : convertPrimitive(args[0], "number", "tonumber")),
  tobool: (args, _h, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : convertPrimitive(args[0], "bool", "tobool")),
  merge: (args, _h, text) => {
    if (args.some(isUnknown)) return new Unknown(text, args.flatMap(whys));
    const out: Record<string, Value> = {};
    for (const a of args) if (isObject(a)) Object.assign(out, a);
    return out;
  },
  lookup: (args, host, text) => {
    const [map, key, fallback] = args;
    if (isUnknown(map) || hasUnknown(key)) {
      const options = [...(isObject(map) ? Object.values(map) : []), ...(fallback !== undefined && !isUnknown(fallback) ? [fallback] : [])];
      return chooseOne(host, options, new Unknown(text, args.flatMap(whys)), text);
    }
    if (!isObject(map)) throw new EvalError("lookup: expected a map");
    const k = string(key, "lookup");
    if (k in map) return map[k];
    if (fallback === undefined) throw new EvalError(`lookup: no key ${JSON.stringify(k)}`);
    return fallback;
  },
  element: (args, host, text) => {
    const [l, i] = args;
    if (isUnknown(l) || hasUnknown(i)) return chooseOne(host, Array.isArray(l) ? l : [], new Unknown(text, args.flatMap(whys)), text);
    const items = list(l, "element");
    if (items.length === 0) throw new EvalError("element: empty list");
    return items[Number(i) % items.length];
  },
  one: (args, _h, text) => {
    if (isUnknown(args[0])) return new Unknown(text, whys(args[0]));
    const items = list(args[0], "one");
    if (items.length > 1) throw new EvalError("one: more than one element");
    return items.length === 0 ? null : items[0];
  },
  coalesce: (args, host, text) => {
    for (const [n, a] of args.entries()) {
      if (isUnknown(a)) {
        // The unknown may be null or "": then the next known non-empty argument is the value.
        const next = args.slice(n + 1).find((x) => x !== null && x !== "");
        return chooseOne(host, next === undefined || isUnknown(next) ? [] : [next], new Unknown(text, whys(a)), text);
      }
      if (a !== null && a !== "") return a;
    }
    throw new EvalError("coalesce: no non-null argument");
  },
  coalescelist: (args, _h, text) => {
    for (const a of args) {
      if (isUnknown(a)) return new Unknown(text, whys(a));
      if (Array.isArray(a) && a.length > 0) return a;
    }
    return [];
  },
  lower: literalMap((s) => s.toLowerCase()),
  upper: literalMap((s) => s.toUpperCase()),
  trimspace: literalMap((s) => s.trim()),
  chomp: literalMap((s) => s.replace(/(\r?\n)+$/, "")),
  trimprefix: (args, _h, text) => {
    const [s, p] = args;
    if (isUnknown(s) || hasUnknown(p)) return new Unknown(text, args.flatMap(whys));
    const v = string(s, "trimprefix");
    const prefix = string(p, "trimprefix");
    return v.startsWith(prefix) ? v.slice(prefix.length) : isPartial(v) && !v.startsWith("${") ? v : isPartial(v) ? new Unknown(text, whys(s)) : v;
  },
  trimsuffix: (args, _h, text) => {
    const [s, p] = args;
    if (isUnknown(s) || hasUnknown(p)) return new Unknown(text, args.flatMap(whys));
    const v = string(s, "trimsuffix");
    const suffix = string(p, "trimsuffix");
    return v.endsWith(suffix) ? v.slice(0, v.length - suffix.length) : isPartial(v) && v.endsWith("}") ? new Unknown(text, whys(s)) : v;
  },
  trim: strict((args) => {
    const chars = string(args[1], "trim");
    let s = string(args[0], "trim");
    while (s && chars.includes(s[0])) s = s.slice(1);
    while (s && chars.includes(s[s.length - 1])) s = s.slice(0, -1);
    return s;
  }),
  substr: strict((args) => {
    const s = [...string(args[0], "substr")];
    const offset = Number(args[1]);
    const length = Number(args[2]);
    const start = offset < 0 ? s.length + offset : offset;
    return s.slice(start, length < 0 ? undefined : start + length).join("");
  }),
  startswith: strict((args) => string(args[0], "startswith").startsWith(string(args[1], "startswith"))),
  endswith: strict((args) => string(args[0], "endswith").endsWith(string(args[1], "endswith"))),
  strcontains: strict((args) => string(args[0], "strcontains").includes(string(args[1], "strcontains"))),
  length: strict((args) => {
    const v = args[0];
    if (typeof v === "string") return [...v].length;
    return list(v, "length").length;
  }),
  keys: strict((args) => (isObject(args[0]) ? Object.keys(args[0]).sort() : [])),
  values: strict((args) =>
    isObject(args[0])
      ? Object.keys(args[0])
          .sort()
          .map((k) => (args[0] as Record<string, Value>)[k])
      : [],
  ),
  anytrue: strict((args) => list(args[0], "anytrue").some((v) => v === true || v === "true")),
  alltrue: strict((args) => list(args[0], "alltrue").every((v) => v === true || v === "true")),
  contains: strict((args) => list(args[0], "contains").some((v) => sameValue(v, args[1]))),
  zipmap: strict((args) => {
    const ks = list(args[0], "zipmap");
    const vs = list(args[1], "zipmap");
    const out: Record<string, Value> = {};
    ks.forEach((k, i) => (out[string(k, "zipmap")] = vs[i] ?? null));
    return out;
  }),
  range: strict((args) => {
    const nums = args.map(Number);
    const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) if (out.push(i) > 1024) throw new EvalError("range: too many elements");
    return out;
  }),
  reverse: strict((args) => [...list(args[0], "reverse")].reverse()),
  sort: strict((args) => [...list(args[0], "sort")].map((v) => string(v, "sort")).sort()),
  slice: strict((args) => list(args[0], "slice").slice(Number(args[1]), Number(args[2]))),
  setunion: strict((args) => toSet(args.flatMap((a) => list(a, "setunion")))),
  min: strict((args) => Math.min(...args.map(Number))),
  max: strict((args) => Math.max(...args.map(Number))),
  abs: strict((args) => Math.abs(Number(args[0]))),
  ceil: strict((args) => Math.ceil(Number(args[0]))),
  floor: strict((args) => Math.floor(Number(args[0]))),
  sum: strict((args) => list(args[0], "sum").reduce<number>((a, v) => a + Number(v), 0)),
  // Encodings and string functions with one exact meaning: a value wrapped in them is still judged.
  base64encode: strict((args) => Buffer.from(string(args[0], "base64encode"), "utf8").toString("base64")),
  base64decode: strict((args) => base64decode(string(args[0], "base64decode"), "base64decode")),
  textencodebase64: strict((args) =>
    utf8Encoding(args[1]) ? Buffer.from(string(args[0], "textencodebase64"), "utf8").toString("base64") : unsupported("textencodebase64"),
  ),
  textdecodebase64: strict((args) =>
    utf8Encoding(args[1]) ? base64decode(string(args[0], "textdecodebase64"), "textdecodebase64") : unsupported("textdecodebase64"),
  ),
  urlencode: strict((args) => urlencode(string(args[0], "urlencode"))),
  strrev: strict((args) => Array.from(string(args[0], "strrev")).reverse().join("")),
  yamldecode: strict((args) => yamldecode(string(args[0], "yamldecode"))),
  index: strict((args) => {
    const i = list(args[0], "index").findIndex((v) => sameValue(v, args[1]));
    if (i < 0) throw new EvalError("index: element not found");
    return i;
  }),
  setintersection: strict((args) =>
    toSet(list(args[0], "setintersection")).filter((v) => args.slice(1).every((a) => list(a, "setintersection").some((x) => sameValue(x, v)))),
  ),
  setsubtract: strict((args) => toSet(list(args[0], "setsubtract")).filter((v) => !list(args[1], "setsubtract").some((x) => sameValue(x, v)))),
  issensitive: strict(() => false),
  // A wholly unknown argument makes the JSON unknown (its text kept); known structure with unknown parts stays JSON.
  jsonencode: (args, host, text) => (isUnknown(args[0]) ? new Unknown(text, whys(args[0])) : jsonencode(args[0], host)),
  jsondecode: (args, _h, text) => {
    if (hasUnknown(args[0])) return new Unknown(text, whys(args[0]));
    try {
      return JSON.parse(string(args[0], "jsondecode")) as Value;
    } catch (err) {
      throw new EvalError(`jsondecode: ${(err as Error).message}`);
    }
  },
  file: (args, host, text) => {
    if (hasUnknown(args[0])) return new Unknown(text, whys(args[0]));
    const content = host.readFile(string(args[0], "file"));
    return content === undefined ? new Unknown(text, [`file ${JSON.stringify(string(args[0], "file"))} was not read`]) : content;
  },
  templatefile: (args, host, text) => {
    if (hasUnknown(args[0])) return new Unknown(text, whys(args[0]));
    const path = string(args[0], "templatefile");
    const content = host.readFile(path);
    if (content === undefined) return new Unknown(text, [`template ${JSON.stringify(path)} was not read`]);
    const vars = args[1];
    if (isUnknown(vars)) return new Unknown(text, whys(vars));
    return host.renderTemplate(content, isObject(vars) ? vars : {}, path);
  },
};

const FUNCTIONS: Readonly<Record<string, Fn>> = { ...CORE_FUNCTIONS, ...TEXT_FUNCTIONS, ...COLLECTION_FUNCTIONS };

/** `jsonencode`: unknown parts stay `${...}` inside the JSON text, so its literal parts are still judged. */
function jsonencode(v: Value, host: FunctionHost): Value {
  if (isUnknown(v)) return written(v, host);
  return JSON.stringify(toPlain(v, host.note));
}

function written(u: Unknown, host: FunctionHost): string {
  host.note?.(u);
  return marker(u);
}

function flatten(items: readonly Value[]): Value[] {
  return items.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function distinct(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of items) if (!out.some((o) => sameValue(o, v))) out.push(v);
  return out;
}

/** True when the evaluator knows the function. */
export function isKnownFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/**
 * Calls a Terraform function with evaluated arguments; an unsupported function yields an unknown
 * with the call's text.
 *
 * @example
 * callFunction("replace", ["https://x", "https://", ""], host, 'replace(u, "https://", "")'); // "x"
 */
export function callFunction(name: string, args: readonly Value[], host: FunctionHost, text: string): Value {
  const fn = FUNCTIONS[name];
  if (!fn) return new Unknown(text, [`function ${name}() is not evaluated by wif`]);
  return fn(args, host, text);
}
