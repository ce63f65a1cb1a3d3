import type { Inventory, InventoryIdentity, InventoryPermission, InventoryWorkload } from "./model";

/** A Markdown table cell: pipes escaped, newlines flattened, empty shown as a dash. */
function cell(text: string): string {
  const t = text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim();
  return t === "" ? "–" : t;
}

function code(text: string): string {
  return text === "" ? "" : "`" + text.replace(/`/g, "'") + "`";
}

/** One permission in a few words: `AdministratorAccess` **admin**, `roles/run.admin` on project p. */
export function permissionText(p: InventoryPermission): string {
  const name = p.kind === "aws-managed-policy" ? p.name.replace(/^arn:[a-z-]+:iam::aws:policy\//, "") : p.name;
  const actions = p.actions && p.actions.length > 0 ? ` (${p.actions.slice(0, 6).join(", ")}${p.actions.length > 6 ? `, +${p.actions.length - 6}` : ""})` : "";
  const flags = [p.admin ? "**admin**" : "", p.wildcard && !p.admin ? "wildcard" : "", p.unknown ? "unknown" : ""].filter(Boolean).join(", ");
  return `${code(name)}${actions}${p.scope ? ` on ${p.scope}` : ""}${flags ? ` ${flags}` : ""}`;
}

function location(i: InventoryIdentity): string {
  const at = (f: { readonly file: string; readonly line?: number }) => `${f.file}${f.line ? `:${f.line}` : ""}`;
  if (!i.file) return "";
  return [at({ file: i.file, line: i.line }), ...(i.via ?? []).map(at)].join(" → ");
}

function marks(w: Pick<InventoryWorkload, "admitsOtherTenants" | "wholeTenant" | "anyBranch">): string {
  return [w.admitsOtherTenants ? "⚠ other tenants" : "", w.wholeTenant ? "⚠ whole tenant" : "", w.anyBranch ? "any branch" : ""].filter(Boolean).join(", ");
}

/**
 * The inventory as Markdown, for a pull request comment or a job summary: the summary, the
 * workloads (widest first) with their blast radius, then every identity with who, conditions,
 * findings, permissions and unknowns.
 *
 * @example
 * fs.writeFileSync("inventory.md", inventoryMarkdown(inv));
 */
export function inventoryMarkdown(inv: Inventory): string {
  const s = inv.summary;
  const out: string[] = [];
  out.push("# Workload identity inventory", "");
  out.push(
    `${s.identities} identities (${
      Object.entries(s.byCloud)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ") || "none"
    }), ${s.workloads} workload families` +
      (s.repositories.length > 0 ? ` from ${s.repositories.length} repositories (${s.repositories.join(", ")})` : "") +
      ".",
    "",
  );
  out.push(`- Admitting more than one repository: **${s.broad}**`);
  out.push(`- Admin-level permissions reachable from a pull request or any branch: **${s.adminFromAnyBranch}**`);
  out.push(`- Tenants trusted: ${s.tenants.length > 0 ? s.tenants.map(code).join(", ") : "none"}`);
  out.push(
    `- By issuer: ${
      Object.entries(s.byIssuer)
        .map(([i, n]) => `${code(i)} ${n}`)
        .join(", ") || "none"
    }`,
    "",
  );

  out.push("## Workloads", "", "| Who | Issuer | Marks | Identities | Can do |", "|---|---|---|---|---|");
  for (const w of inv.workloads) {
    out.push(
      `| ${cell(w.who)} | ${cell(w.issuer)} | ${cell(marks(w))} | ${cell(w.identities.length + " on " + w.clouds.join(", "))} | ${cell(w.permissions.map(permissionText).join("; "))} |`,
    );
  }
  out.push("");

  out.push("## Identities", "");
  for (const i of inv.identities) {
    out.push(`### ${i.cloud.toUpperCase()} ${code(i.address)}${i.repository ? ` in ${i.repository}` : ""}`, "");
    out.push(`- Where: ${code(location(i) || i.id)}`);
    out.push(`- Becomes: ${i.target}`);
    out.push(`- Issuer: ${code(i.issuer)}`);
    out.push(`- Who: **${i.who}**`);
    if (i.conditions.length > 0) {
      out.push("- Conditions:");
      for (const c of i.conditions)
        out.push(`  - ${c.statement ? `${c.statement}: ` : ""}${code(c.claim)} ${c.operator} ${c.values.map(code).join(" or ") || "(none)"}`);
    }
    out.push(
      `- Findings: ${i.findings.length > 0 ? i.findings.map((f) => `${f.rule} (${f.severity}${f.suppressed ? ", acknowledged" : ""})`).join(", ") : "none"}`,
    );
    out.push(`- Can do: ${i.permissions.length > 0 ? i.permissions.map(permissionText).join("; ") : "nothing found in these files"}`);
    if (i.unknowns.length > 0) out.push(`- Unknown here: ${i.unknowns.map((u) => `${code(u.value)} (${u.from})`).join("; ")}`);
    out.push("");
  }
  if (inv.problems.length > 0) {
    out.push("## Inputs not read", "");
    for (const p of inv.problems) out.push(`- ${code(p.file + (p.line ? `:${p.line}` : ""))}: ${p.message}`);
    out.push("");
  }
  return out.join("\n");
}
