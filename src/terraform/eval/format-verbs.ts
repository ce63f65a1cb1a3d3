import { EvalError } from "./function-helpers";
import { isObject, isUnknown, marker, toPlain, Unknown, Value } from "./value";
import { exactDecimal, shortestG } from "./number-text";
import { convertPrimitive } from "./type-conversion";

/**
 * Terraform's `format` / `formatlist` verbs (`%v %#v %t %d %b %o %x %X %e %E %f %g %G %s %q`,
 * flags `+ - # 0` and space, width, precision, `%[n]` argument indexes). An unknown argument is
 * written `${...}` so the literal parts of the result are still judged; `onUnknown` is told of it.
 *
 * @example
 * formatVerbs("repo:%s/%s:*", ["octo", "api"]); // "repo:octo/api:*"
 */
export function formatVerbs(spec: string, args: readonly Value[], onUnknown?: (u: Unknown) => void): string {
  let next = 0;
  const verb = /%(%|([-+# 0]*)(?:\[(\d+)\])?(\d*)(?:\.(\d*))?([a-zA-Z]))/g;
  return spec.replace(verb, (whole, all: string, flags: string, index: string | undefined, width: string, precision: string | undefined, v: string) => {
    if (all === "%") return "%";
    const n = index !== undefined ? Number(index) - 1 : next;
    next = n + 1;
    if (n < 0 || n >= args.length) throw new EvalError(`format: not enough arguments for ${JSON.stringify(whole)} in ${JSON.stringify(spec)}`);
    const arg = args[n];
    if (isUnknown(arg)) {
      onUnknown?.(arg);
      return marker(arg);
    }
    if (arg === null) throw new EvalError(`format: a null value cannot be formatted (${JSON.stringify(whole)})`);
    const body = formatOne(v, flags, precision, arg, whole);
    return pad(body, flags, width === "" ? 0 : Number(width), v);
  });
}

function formatOne(v: string, flags: string, precision: string | undefined, arg: Value, whole: string): string {
  const sharp = flags.includes("#");
  switch (v) {
    case "v":
      if (sharp || Array.isArray(arg) || isObject(arg)) return JSON.stringify(toPlain(arg));
      return typeof arg === "number" ? goShortest(arg, whole) : String(arg);
    case "s": {
      const s = convertPrimitive(arg, "string", whole);
      if (isUnknown(s)) return marker(s);
      if (typeof s !== "string") throw new EvalError(`format: ${JSON.stringify(whole)} needs a string`);
      return precision === undefined ? s : [...s].slice(0, Number(precision)).join("");
    }
    case "q": {
      const s = convertPrimitive(arg, "string", whole);
      return isUnknown(s) ? marker(s) : JSON.stringify(s);
    }
    case "t":
      return String(convertPrimitive(arg, "bool", whole));
    case "d":
    case "b":
    case "o":
    case "x":
    case "X": {
      const num = convertPrimitive(arg, "number", whole) as number;
      if (!Number.isInteger(num)) throw new EvalError(`format: ${JSON.stringify(whole)} needs a whole number, got ${num}`);
      const radix = { d: 10, b: 2, o: 8, x: 16, X: 16 }[v] as number;
      let digits = Math.abs(num).toString(radix);
      if (v === "X") digits = digits.toUpperCase();
      if (sharp && v !== "d") digits = ({ b: "0b", o: "0", x: "0x", X: "0X" }[v] as string) + digits;
      return sign(num, flags) + digits;
    }
    case "e":
    case "E":
    case "f":
    case "g":
    case "G": {
      const num = convertPrimitive(arg, "number", whole) as number;
      if (!exactDecimal(num)) return goShortest(num, whole);
      const p = precision === undefined ? undefined : Number(precision === "" ? 0 : precision);
      const abs = Math.abs(num);
      let body: string;
      if (v === "f") body = abs.toFixed(p ?? 6);
      else if (v === "e" || v === "E") body = goExponent(abs.toExponential(p ?? 6));
      else body = p === undefined ? goShortest(abs, whole) : goExponent(abs.toPrecision(p || 1));
      if (v === "E" || v === "G") body = body.toUpperCase();
      return sign(num, flags) + body;
    }
  }
  throw new EvalError(`format: unsupported verb ${JSON.stringify(whole)}`);
}

function sign(num: number, flags: string): string {
  if (num < 0) return "-";
  return flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
}

/** Go writes exponents with at least two digits: `1e+06`. */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** `%g` / `%v` without precision: Go's shortest form; unknown (a marked part) when the double may not be Terraform's value. */
function goShortest(num: number, whole: string): string {
  const d = exactDecimal(num);
  if (d) return shortestG(d);
  return marker(
    new Unknown(`format(${JSON.stringify(whole)}, ${num})`, [
      `the number ${num} is beyond what wif evaluates exactly (more than 15 significant digits or above 2^53)`,
    ]),
  );
}

function pad(body: string, flags: string, width: number, v: string): string {
  const length = [...body].length;
  if (length >= width) return body;
  const fill = width - length;
  if (flags.includes("-")) return body + " ".repeat(fill);
  if (flags.includes("0") && !"sqvt".includes(v)) {
    const signed = /^[+\- ]/.test(body) ? body[0] : "";
    return signed + "0".repeat(fill) + body.slice(signed.length);
  }
  return " ".repeat(fill) + body;
}
