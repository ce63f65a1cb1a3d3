import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * The inputs of the public API, read from the TypeScript declarations (not from a hand-written list),
 * so that a prop added to an interface is tested for its runtime type the day it is added.
 */

/** What a JavaScript caller must pass for a prop, as far as its runtime type goes. */
export type InputKind =
  | { readonly kind: "boolean" }
  | { readonly kind: "true" }
  | { readonly kind: "number" }
  | { readonly kind: "string" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "string[]" }
  | { readonly kind: "object[]" }
  | { readonly kind: "object" };

export interface InputProp {
  readonly name: string;
  readonly optional: boolean;
  readonly type: InputKind;
  /** The declared type, as TypeScript prints it (for failure messages). */
  readonly declared: string;
}

/** An input read from the declarations: an interface's props, or a factory's parameters. */
export interface PublicInput {
  readonly name: string;
  readonly props: readonly InputProp[];
}

const SRC = path.join(__dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "cli" ? [] : sourceFiles(p); // the CLI is not reachable from the entry
    return p.endsWith(".ts") ? [p] : [];
  });
}

/**
 * One type-checker over `src/` alone (external modules such as cdktf stay unresolved: no prop of an
 * input takes their types) with the ES5 library only: a fraction of a whole-project program.
 */
function checker(): { checker: ts.TypeChecker; index: ts.SourceFile } {
  const program = ts.createProgram(sourceFiles(SRC), {
    strict: true,
    noResolve: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ["lib.es5.d.ts"], // the utility types (Readonly, Record, Omit, ReadonlyArray) are all there
    types: [],
  });
  const index = program.getSourceFile(path.join(SRC, "index.ts"));
  if (!index) throw new Error("src/index.ts not found");
  return { checker: program.getTypeChecker(), index };
}

function classify(c: ts.TypeChecker, type: ts.Type): InputKind {
  const t = c.getNonNullableType(type);
  const parts = t.isUnion() ? t.types : [t];
  if (parts.some((p) => p.flags & ts.TypeFlags.BooleanLike) && parts.every((p) => p.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.StringLiteral))) {
    const onlyTrue = parts.every((p) => p.flags & ts.TypeFlags.BooleanLiteral && c.typeToString(p) === "true");
    return onlyTrue ? { kind: "true" } : { kind: "boolean" };
  }
  if (parts.every((p) => p.flags & ts.TypeFlags.NumberLike)) return { kind: "number" };
  if (parts.every((p) => p.flags & ts.TypeFlags.String)) return { kind: "string" };
  if (parts.every((p) => p.isStringLiteral())) return { kind: "enum", values: parts.map((p) => (p as ts.StringLiteralType).value) };
  if (c.isArrayType(t) || c.isTupleType(t)) {
    const element = c.getTypeArguments(t as ts.TypeReference)[0];
    return element && element.flags & ts.TypeFlags.String ? { kind: "string[]" } : { kind: "object[]" };
  }
  return { kind: "object" };
}

function propsOf(c: ts.TypeChecker, type: ts.Type): InputProp[] {
  return c.getPropertiesOfType(type).map((p) => {
    const propType = c.getTypeOfSymbol(p);
    return {
      name: p.name,
      optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
      type: classify(c, propType),
      declared: c.typeToString(c.getNonNullableType(propType)),
    };
  });
}

function isObjectShape(c: ts.TypeChecker, type: ts.Type): boolean {
  const t = c.getNonNullableType(type);
  return !!(t.flags & ts.TypeFlags.Object) && !c.isArrayType(t) && c.getPropertiesOfType(t).length > 0 && t.getCallSignatures().length === 0;
}

/**
 * Every input of the public entry (`src/index.ts`):
 * - each exported interface named `...Props` or `...Options`;
 * - each interface of `src/` that one of their props takes (directly or as list elements), e.g.
 *   `AzureRoleAssignment`, `Acknowledgement`;
 * - each parameter of the public static methods of the exported classes (`Trust.githubActions`,
 *   `Subject.exactly`, `AwsOidcProvider.fromIssuer`, ...), named `Class.method`: its props when it is
 *   an object shape, else the parameter itself as one prop named after it.
 */
export function publicInputs(): readonly PublicInput[] {
  const { checker: c, index } = checker();
  const exports = c.getExportsOfModule(c.getSymbolAtLocation(index)!).map((e) => (e.flags & ts.SymbolFlags.Alias ? c.getAliasedSymbol(e) : e));
  const inputs = new Map<string, PublicInput>();
  const addInterface = (symbol: ts.Symbol): void => {
    if (inputs.has(symbol.name)) return;
    const type = c.getDeclaredTypeOfSymbol(symbol);
    const props = propsOf(c, type);
    inputs.set(symbol.name, { name: symbol.name, props });
    for (const p of c.getPropertiesOfType(type)) {
      let t = c.getNonNullableType(c.getTypeOfSymbol(p));
      if (c.isArrayType(t)) t = c.getTypeArguments(t as ts.TypeReference)[0];
      const target = t.aliasSymbol ?? t.getSymbol();
      const declaredInSrc = target?.declarations?.some((d) => d.getSourceFile().fileName.startsWith(SRC) && ts.isInterfaceDeclaration(d));
      if (target && declaredInSrc && !/^I[A-Z]/.test(target.name)) addInterface(target);
    }
  };
  for (const symbol of exports) {
    if (symbol.flags & ts.SymbolFlags.Interface && /(Props|Options)$/.test(symbol.name)) addInterface(symbol);
  }
  for (const symbol of exports) {
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    const statics = c.getPropertiesOfType(c.getTypeOfSymbol(symbol)).filter((m) => m.flags & ts.SymbolFlags.Method);
    for (const method of statics) {
      const decl = method.declarations?.[0];
      if (!decl || !ts.isMethodDeclaration(decl) || ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      const signature = c.getSignatureFromDeclaration(decl)!;
      const props: InputProp[] = [];
      for (const param of signature.getParameters()) {
        const type = c.getTypeOfSymbol(param);
        const printed = c.typeToString(c.getNonNullableType(type));
        if (param.name === "scope" || param.name === "id") continue; // where a construct goes, checked by constructs

        const named = c.getNonNullableType(type).aliasSymbol ?? c.getNonNullableType(type).getSymbol();
        if (named && inputs.has(named.name)) continue; // an interface covered on its own
        if (isObjectShape(c, type) && !named?.declarations?.some((d) => ts.isClassDeclaration(d))) props.push(...propsOf(c, c.getNonNullableType(type)));
        else
          props.push({
            name: param.name,
            optional: !!(param.valueDeclaration as ts.ParameterDeclaration | undefined)?.questionToken,
            type: classify(c, type),
            declared: printed,
          });
      }
      if (props.length > 0) inputs.set(`${symbol.name}.${method.name}`, { name: `${symbol.name}.${method.name}`, props });
    }
  }
  return [...inputs.values()];
}
