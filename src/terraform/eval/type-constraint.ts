import type { Expr } from "./ast";
import { Evaluator } from "./evaluate-expression";
import { ExpressionSyntaxError, parseExpression } from "./parse-expression";
import { ObjectAttribute, TypeConstraint } from "./type-conversion";
import { hasUnknown, Value } from "./value";

const PRIMITIVES = new Set(["string", "number", "bool", "any"]);

/**
 * Reads a `variable` block's `type` as written (hcl2json's `"${list(string)}"`, or the bare
 * expression text of a `.tf.json`), with `optional(type, default)` attributes of objects. Returns
 * the reason when it is not a type expression Terraform accepts.
 *
 * @example
 * parseTypeConstraint("${set(string)}"); // { kind: "set", element: { kind: "string" } }
 */
export function parseTypeConstraint(raw: unknown): TypeConstraint | { readonly reason: string } {
  if (typeof raw !== "string") return { reason: `the type ${JSON.stringify(raw)} is not a type expression` };
  const text = /^\$\{([\s\S]*)\}$/.exec(raw.trim())?.[1] ?? raw;
  try {
    return typeOf(parseExpression(text.trim()), false);
  } catch (err) {
    if (err instanceof ExpressionSyntaxError || err instanceof TypeSyntaxError)
      return { reason: `the type ${JSON.stringify(text.trim())} is not read: ${err.message}` };
    throw err;
  }
}

class TypeSyntaxError extends Error {}

function typeOf(e: Expr, inObject: boolean): TypeConstraint {
  if (e.k === "parens") return typeOf(e.inner, inObject);
  if (e.k === "variable" && PRIMITIVES.has(e.name)) return { kind: e.name as "string" };
  // The bare keywords of Terraform 0.11 still read as list(any) / map(any).
  if (e.k === "variable" && (e.name === "list" || e.name === "map")) return { kind: e.name, element: { kind: "any" } };
  if (e.k === "call") {
    const [arg] = e.args;
    switch (e.name) {
      case "list":
      case "set":
      case "map":
        if (e.args.length !== 1) throw new TypeSyntaxError(`${e.name}() takes one element type`);
        return { kind: e.name, element: typeOf(arg, inObject) };
      case "tuple":
        if (e.args.length !== 1 || arg.k !== "tuple") throw new TypeSyntaxError("tuple() takes a list of element types");
        return { kind: "tuple", elements: arg.items.map((x) => typeOf(x, inObject)) };
      case "object": {
        if (e.args.length !== 1 || arg.k !== "object") throw new TypeSyntaxError("object() takes an object of attribute types");
        const attributes: Record<string, ObjectAttribute> = {};
        for (const item of arg.items) {
          const key = item.key.k === "literal" ? String(item.key.value) : item.key.k === "variable" ? item.key.name : undefined;
          if (key === undefined) throw new TypeSyntaxError(`the attribute name ${item.key.text} is not a name`);
          attributes[key] = attribute(item.value);
        }
        return { kind: "object", attributes };
      }
      case "optional":
        throw new TypeSyntaxError("optional() is allowed only for an attribute of object()");
    }
  }
  throw new TypeSyntaxError(`${JSON.stringify(e.text)} is not a type`);
}

function attribute(e: Expr): ObjectAttribute {
  if (e.k !== "call" || e.name !== "optional") return { type: typeOf(e, true), optional: false };
  if (e.args.length < 1 || e.args.length > 2) throw new TypeSyntaxError("optional() takes a type and an optional default");
  const type = typeOf(e.args[0], true);
  if (e.args.length === 1) return { type, optional: true };
  return { type, optional: true, default: constant(e.args[1]) };
}

/** A default of `optional()`: a constant expression (Terraform refuses references there). */
function constant(e: Expr): Value {
  const v = new Evaluator({ readFile: () => undefined, renderTemplate: () => null, resolve: () => undefined }).safe(e, new Map());
  if (hasUnknown(v)) throw new TypeSyntaxError(`the default ${JSON.stringify(e.text)} is not a constant`);
  return v;
}
