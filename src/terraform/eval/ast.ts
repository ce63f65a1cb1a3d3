/**
 * The syntax tree of an HCL expression or template, as the evaluator reads it. Every node keeps
 * its source text, so what cannot be evaluated is reported as the user wrote it.
 */
export type Expr =
  | { readonly k: "literal"; readonly text: string; readonly value: string | number | boolean | null }
  | { readonly k: "template"; readonly text: string; readonly parts: readonly TemplatePart[] }
  | { readonly k: "tuple"; readonly text: string; readonly items: readonly Expr[] }
  | { readonly k: "object"; readonly text: string; readonly items: readonly { readonly key: Expr; readonly value: Expr }[] }
  | { readonly k: "variable"; readonly text: string; readonly name: string }
  | { readonly k: "access"; readonly text: string; readonly target: Expr; readonly step: Step }
  | { readonly k: "splat"; readonly text: string; readonly target: Expr; readonly steps: readonly Step[] }
  | { readonly k: "call"; readonly text: string; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly k: "conditional"; readonly text: string; readonly condition: Expr; readonly whenTrue: Expr; readonly whenFalse: Expr }
  | { readonly k: "unary"; readonly text: string; readonly op: "!" | "-"; readonly operand: Expr }
  | { readonly k: "binary"; readonly text: string; readonly op: string; readonly left: Expr; readonly right: Expr }
  | {
      readonly k: "for";
      readonly text: string;
      readonly object: boolean;
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly key?: Expr;
      readonly value: Expr;
      readonly condition?: Expr;
      readonly group: boolean;
    }
  | { readonly k: "parens"; readonly text: string; readonly inner: Expr }
  /** An interpolation the parser could not read (kept as an unknown with its text). */
  | { readonly k: "unparsed"; readonly text: string; readonly reason: string };

/** One step of a traversal: `.name` or `[key]`. */
export type Step = { readonly s: "attr"; readonly name: string } | { readonly s: "index"; readonly key: Expr };

/** A piece of a template: literal text, an interpolation, or an `%{if}` / `%{for}` directive. */
export type TemplatePart =
  | { readonly p: "text"; readonly text: string }
  | { readonly p: "expr"; readonly expr: Expr }
  | { readonly p: "if"; readonly condition: Expr; readonly then: readonly TemplatePart[]; readonly else: readonly TemplatePart[] }
  | { readonly p: "for"; readonly keyVar?: string; readonly valueVar: string; readonly collection: Expr; readonly body: readonly TemplatePart[] };
