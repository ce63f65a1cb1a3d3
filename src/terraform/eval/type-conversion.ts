import { EvalError } from "./function-helpers";
import { exactDecimal, plainText } from "./number-text";
import { isObject, isPartial, isUnknown, sameValue, toPlain, Unknown, Value } from "./value";

/** A Terraform type constraint (`variable` `type`, and what `tostring` / `tonumber` / `tobool` convert to). */
export type TypeConstraint =
  | { readonly kind: "string" | "number" | "bool" | "any" }
  | { readonly kind: "list" | "set" | "map"; readonly element: TypeConstraint }
  | { readonly kind: "tuple"; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: "object"; readonly attributes: Readonly<Record<string, ObjectAttribute>> };

/** An attribute of an `object({...})` type: `optional(type, default)` or required. */
export interface ObjectAttribute {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  readonly default?: Value;
}

/** A value Terraform cannot convert to the type: the message says where inside it and what was needed. */
export class TypeConversionError extends EvalError {
  constructor(
    readonly path: string,
    readonly need: string,
  ) {
    super(`${path ? `${path}: ` : ""}${need}`);
    this.name = "TypeConversionError";
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The unknown a partly known string becomes when it must be a number or a bool. */
function unknownOf(s: string): Unknown {
  const whole = /^\$\{(.*)\}$/s.exec(s);
  return new Unknown(whole && !whole[1].includes("${") ? whole[1] : s);
}

/**
 * Converts a primitive value as Terraform's conversions do: a number or bool to its string, a
 * string to a number when it is one (`"1.5"`), a string to a bool only from `"true"`/`"1"` and
 * `"false"`/`"0"`; null stays null, an unknown stays unknown.
 *
 * @example
 * convertPrimitive("5", "number"); // 5
 * convertPrimitive("yes", "bool"); // throws TypeConversionError "a bool is required"
 */
export function convertPrimitive(v: Value, kind: "string" | "number" | "bool", path = ""): Value {
  if (v === null || isUnknown(v)) return v;
  const fail = (extra = ""): never => {
    throw new TypeConversionError(path, `a ${kind} is required${extra}`);
  };
  if (typeof v === "object") return fail();
  switch (kind) {
    case "string":
      return typeof v === "string" ? v : typeof v === "number" ? numberText(v) : String(v);
    case "number":
      if (typeof v === "number") return v;
      if (typeof v === "boolean") return fail();
      if (isPartial(v)) return unknownOf(v);
      return NUMBER.test(v) ? Number(v) : fail();
    case "bool":
      if (typeof v === "boolean") return v;
      if (typeof v === "number") return fail();
      if (isPartial(v)) return unknownOf(v);
      if (v === "true" || v === "1") return true;
      if (v === "false" || v === "0") return false;
      return /^(true|false)$/i.test(v) ? fail(`; to convert from string, use lowercase "${v.toLowerCase()}"`) : fail();
  }
}

/** Terraform writes a number as plain decimal, never an exponent; unknown when the double may not be its value. */
function numberText(n: number): Value {
  const d = exactDecimal(n);
  return d
    ? plainText(d)
    : new Unknown(`tostring(${n})`, [`the number ${n} is beyond what wif evaluates exactly (more than 15 significant digits or above 2^53)`]);
}

/**
 * Converts a value to a type constraint with Terraform's rules: primitives as `convertPrimitive`,
 * `list`/`set`/`tuple` from any sequence (a set drops duplicates and is ordered), `map` and
 * `object` from any object (an object keeps its attributes only, filling `optional` ones with
 * their default or null), `any` as given (a list of mixed primitives becomes a list of strings).
 * Unknown parts stay unknown.
 *
 * @example
 * convertToType(["b", "a", "b"], { kind: "set", element: { kind: "string" } }); // ["a", "b"]
 */
export function convertToType(v: Value, type: TypeConstraint, path = ""): Value {
  if (v === null || isUnknown(v)) return v;
  const at = (step: string) => (path ? `${path}${step}` : step.replace(/^\./, ""));
  switch (type.kind) {
    case "any":
      return v;
    case "string":
    case "number":
    case "bool":
      return convertPrimitive(v, type.kind, path);
    case "list":
    case "set": {
      if (!Array.isArray(v)) throw new TypeConversionError(path, `a ${type.kind} of ${describe(type.element)} is required`);
      const items = unify(
        v.map((x, i) => convertToType(x, type.element, at(`[${i}]`))),
        type.element,
        path,
      );
      return type.kind === "set" ? toSet(items) : items;
    }
    case "tuple": {
      if (!Array.isArray(v) || v.length !== type.elements.length)
        throw new TypeConversionError(path, `a tuple of ${type.elements.length} element${type.elements.length === 1 ? "" : "s"} is required`);
      return v.map((x, i) => convertToType(x, type.elements[i], at(`[${i}]`)));
    }
    case "map": {
      if (!isObject(v)) throw new TypeConversionError(path, `a map of ${describe(type.element)} is required`);
      const keys = Object.keys(v);
      const values = unify(
        keys.map((k) => convertToType(v[k], type.element, at(`[${JSON.stringify(k)}]`))),
        type.element,
        path,
      );
      return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
    }
    case "object": {
      if (!isObject(v)) throw new TypeConversionError(path, "an object is required");
      const out: Record<string, Value> = {};
      for (const [name, attr] of Object.entries(type.attributes)) {
        const given = name in v ? v[name] : undefined;
        if ((given === undefined || given === null) && attr.optional) {
          out[name] = attr.default === undefined || attr.default === null ? null : convertToType(attr.default, attr.type, at(`.${name}`));
        } else if (given === undefined) throw new TypeConversionError(path, `attribute ${JSON.stringify(name)} is required`);
        else out[name] = convertToType(given, attr.type, at(`.${name}`));
      }
      return out;
    }
  }
}

/** Elements of a collection of `any` share one type: mixed primitives with a string all become strings. */
function unify(items: Value[], element: TypeConstraint, path: string): Value[] {
  if (element.kind !== "any") return items;
  const kinds = new Set(items.filter((x) => x !== null && !isUnknown(x)).map((x) => (Array.isArray(x) ? "list" : isObject(x) ? "object" : typeof x)));
  if (kinds.size <= 1) return items;
  if ([...kinds].every((k) => k === "string" || k === "number" || k === "boolean")) {
    if (!kinds.has("string")) throw new TypeConversionError(path, "all elements must have the same type (a number and a bool have none in common)");
    return items.map((x) => convertPrimitive(x, "string", path));
  }
  return items;
}

/** A set: duplicates dropped; known primitives ordered as Terraform orders them (strings lexically, numbers by value). */
export function toSet(items: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const x of items) if (!out.some((o) => sameValue(o, x))) out.push(x);
  if (out.every((x) => typeof x === "string" && !isPartial(x))) return (out as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (out.every((x) => typeof x === "number")) return (out as number[]).sort((a, b) => a - b);
  if (out.every((x) => typeof x === "boolean")) return (out as boolean[]).sort((a, b) => Number(a) - Number(b));
  return out;
}

/** A type as Terraform writes it: `list(string)`, `object({ sub = string })`. */
export function describe(t: TypeConstraint): string {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${describe(t.element)})`;
    case "tuple":
      return `tuple([${t.elements.map(describe).join(", ")}])`;
    case "object":
      return `object({ ${Object.entries(t.attributes)
        .map(
          ([k, a]) =>
            `${k} = ${a.optional ? `optional(${describe(a.type)}${a.default !== undefined ? `, ${JSON.stringify(toPlain(a.default))}` : ""})` : describe(a.type)}`,
        )
        .join(", ")} })`;
    default:
      return t.kind;
  }
}
