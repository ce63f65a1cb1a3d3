/**
 * How deep an HCL file nests, measured before it is parsed: brackets (`{` `[` `(`), template
 * interpolations and directives (`${` `%{`) and the strings and heredocs inside them each count one
 * level. Comments and the literal text of strings do not count. Iterative (no recursion), linear
 * in the text, and it stops counting at `limit`: a file that kills the parser (a 10,000-deep
 * `locals`) is measured safely.
 *
 * @example
 * hclNestingDepth('locals {\n  x = [[1]]\n}\n', 256); // 3
 */
export function hclNestingDepth(text: string, limit: number): number {
  // What each open level is: code (a bracket or a `${`), a quoted string, or a heredoc's body.
  type Frame = { readonly kind: "code" } | { readonly kind: "string" } | { readonly kind: "heredoc"; readonly marker: string };
  const stack: Frame[] = [];
  let max = 0;
  const push = (frame: Frame) => {
    stack.push(frame);
    if (stack.length > max) max = stack.length;
  };
  let i = 0;
  while (i < text.length && max <= limit) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top?.kind === "string" || top?.kind === "heredoc") {
      if (top.kind === "string" && c === "\\") i += 2;
      else if (top.kind === "string" && (c === '"' || c === "\n")) {
        stack.pop(); // a newline ends an unterminated string: the parser reports it
        i++;
      } else if (top.kind === "heredoc" && (i === 0 || text[i - 1] === "\n") && isHeredocEnd(text, i, top.marker)) {
        stack.pop();
        i = lineEnd(text, i);
      } else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{")
        i += 3; // $${ and %%{ escapes
      else if ((c === "$" || c === "%") && text[i + 1] === "{") {
        push({ kind: "code" });
        i += 2;
      } else i++;
      continue;
    }
    // In code: the top level, a bracket, or a template interpolation.
    if (c === "#" || (c === "/" && text[i + 1] === "/")) i = lineEnd(text, i);
    else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"') {
      push({ kind: "string" });
      i++;
    } else if (c === "<" && text[i + 1] === "<") {
      const match = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (match) {
        push({ kind: "heredoc", marker: match[1] });
        i += match[0].length;
      } else i += 2;
    } else if (c === "{" || c === "[" || c === "(") {
      push({ kind: "code" });
      i++;
    } else if (c === "}" || c === "]" || c === ")") {
      if (top?.kind === "code") stack.pop(); // unbalanced brackets are the parser's to report
      i++;
    } else i++;
  }
  return max;
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at < 0 ? text.length : at;
}

/** A heredoc ends at a line holding only its marker (indented for `<<-`, and also accepted for `<<`). */
function isHeredocEnd(text: string, from: number, marker: string): boolean {
  return text.slice(from, lineEnd(text, from)).trim() === marker;
}
