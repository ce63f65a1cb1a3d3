import { EvalError, Fn, list, strict, string, whys } from "./function-helpers";
import { hasUnknown, isObject, isUnknown, sameValue, toPlain, Unknown, Value } from "./value";

/** Collection functions with Terraform's semantics: `chunklist`, `transpose`, `setproduct`, `matchkeys`. */
export const COLLECTION_FUNCTIONS: Readonly<Record<string, Fn>> = {
  // Known elements keep their places: only the list itself and the size must be known.
  chunklist: (args, _h, text) => {
    const [l, size] = args;
    if (isUnknown(l) || hasUnknown(size)) return new Unknown(text, args.flatMap(whys));
    const items = list(l, "chunklist");
    const n = Number(size);
    if (!Number.isInteger(n) || n < 0) throw new EvalError(`chunklist: the size must be a whole number 0 or more, got ${JSON.stringify(toPlain(size))}`);
    if (items.length === 0) return [];
    if (n === 0) return [[...items]];
    return Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));
  },
  transpose: strict((args) => {
    if (!isObject(args[0])) throw new EvalError("transpose: a map of lists of strings is required");
    const out: Record<string, string[]> = {};
    for (const key of Object.keys(args[0]).sort()) {
      for (const v of list(args[0][key], "transpose")) {
        if (v === null) throw new EvalError("transpose: a list of strings may not hold null");
        const name = string(v, "transpose");
        (out[name] ??= []).push(key);
      }
    }
    return out;
  }),
  setproduct: strict((args) => {
    if (args.length < 2) throw new EvalError("setproduct: at least two arguments are required");
    let product: Value[][] = [[]];
    for (const a of args) product = product.flatMap((prefix) => list(a, "setproduct").map((v) => [...prefix, v]));
    return product;
  }),
  matchkeys: strict((args) => {
    const [values, keys, search] = args.map((a) => list(a, "matchkeys"));
    if (values.length !== keys.length) throw new EvalError("matchkeys: the values and keys lists must have the same length");
    return values.filter((_, i) => search.some((s) => sameValue(s, keys[i])));
  }),
};
