import type { Explanation } from "./model";

/**
 * The answer for people: the question (the claims, said to be unverified), then one block per trust,
 * accepted first: decision, cloud, address, location, and the reason or what it depends on.
 */
export function explanationText(answer: Explanation, options: { readonly fromToken?: boolean } = {}): string {
  const q = answer.question;
  const lines: string[] = [];
  const shown = ["iss", "sub", "aud"].filter((k) => q.claims[k] !== undefined).map((k) => `${k}=${JSON.stringify(q.claims[k])}`);
  const others = Object.keys(q.claims).filter((k) => !["iss", "sub", "aud"].includes(k));
  lines.push(
    `${options.fromToken ? "Token claims (decoded, NOT verified)" : "Claims"}: ${shown.join(" ")}${others.length > 0 ? ` and ${others.length} more (${others.join(", ")})` : ""}`,
  );
  lines.push("");
  const order = { accepted: 0, undecided: 1, rejected: 2 } as const;
  const sorted = [...answer.verdicts].sort((a, b) => order[a.decision] - order[b.decision]);
  for (const v of sorted) {
    lines.push(`${v.decision.padEnd(10)} ${v.cloud.padEnd(6)}${v.address}${v.file ? `  ${v.file}${v.line ? `:${v.line}` : ""}` : ""}`);
    lines.push(`${" ".repeat(17)}${v.reason}`);
    if (v.dependsOn && v.dependsOn.length > 0) lines.push(`${" ".repeat(17)}depends on: ${v.dependsOn.join(", ")}`);
    for (const n of v.notes ?? []) lines.push(`${" ".repeat(17)}note: ${n}`);
  }
  const count = (d: string) => answer.verdicts.filter((v) => v.decision === d).length;
  if (answer.verdicts.length === 0) lines.push("No trust in these files.");
  lines.push("", `${count("accepted")} accepted, ${count("rejected")} rejected, ${count("undecided")} undecided.`);
  return lines.join("\n") + "\n";
}
