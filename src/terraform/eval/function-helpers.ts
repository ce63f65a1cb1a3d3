import { asString, hasUnknown, isObject, toPlain, Unknown, Value } from "./value";

/** An evaluation error that `try()` and `can()` catch (Terraform's would stop the plan). */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/** What a function may ask of its caller: the module's files (for `file`, `templatefile`). */
export interface FunctionHost {
  /** The contents of a file of the module, by the path the expression names; undefined when not read. */
  readonly readFile: (path: string) => string | undefined;
  /** Renders a template text with variables (for `templatefile`, `templatestring`). */
  readonly renderTemplate: (text: string, vars: { readonly [key: string]: Value }, where: string) => Value;
  /** Told of every unknown written into a string (its provenance would otherwise be lost). */
  readonly note?: (u: Unknown) => void;
  /**
   * Told of a choice the configuration leaves unknown (a conditional whose condition is unknown, an
   * unknown index or key, a fallback an unknown argument may fall to); returns whether to take the
   * option offered (a variant evaluation judges each), or undefined to keep the value unknown.
   */
  readonly unknownCondition?: (text: string) => boolean | undefined;
}

/** A Terraform function over evaluated arguments; `text` is the call as written. */
export type Fn = (args: readonly Value[], host: FunctionHost, text: string) => Value;

/** The elements of a list, tuple or set (an object's values, as Terraform's conversions allow). */
export function list(v: Value, name: string): readonly Value[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.values(v);
  throw new EvalError(`${name}: expected a list, got ${JSON.stringify(toPlain(v))}`);
}

/** A string argument (numbers and bools convert, as Terraform converts them). */
export function string(v: Value, name: string): string {
  const s = asString(v);
  if (s === undefined) throw new EvalError(`${name}: expected a string, got ${JSON.stringify(toPlain(v))}`);
  return s;
}

/** What would decide every unknown inside a value. */
export function whys(v: Value): string[] {
  const out: string[] = [];
  toPlain(v, (u) => out.push(...u.why));
  return out;
}

/** The whole call is unknown when any argument is (Terraform's rule for most functions). */
export function strict(fn: Fn): Fn {
  return (args, host, text) => {
    const unknown = args.filter(hasUnknown);
    if (unknown.length > 0) return new Unknown(text, unknown.flatMap(whys));
    return fn(args, host, text);
  };
}

/** Exactly `n` arguments, as Terraform checks them before calling. */
export function arity(name: string, args: readonly Value[], n: number): void {
  if (args.length !== n) throw new EvalError(`${name}: takes ${n} argument${n === 1 ? "" : "s"}, got ${args.length}`);
}
