import { permissionText } from "./markdown";
import type { Inventory, InventoryIdentity, InventoryPermission, InventoryWorkload } from "./model";

/** Escapes text for HTML content and attribute values. */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function permissionPlain(p: InventoryPermission): string {
  return permissionText(p).replace(/\*\*/g, "").replace(/`/g, "");
}

/** The workload marks as badges. */
function badges(w: Pick<InventoryWorkload, "admitsOtherTenants" | "wholeTenant" | "anyBranch">): string {
  return [
    w.admitsOtherTenants ? '<span class="bad">other tenants</span>' : "",
    w.wholeTenant ? '<span class="bad">whole tenant</span>' : "",
    w.anyBranch ? '<span class="warn">any branch</span>' : "",
  ].join(" ");
}

function identityRow(i: InventoryIdentity): string {
  const admin = i.permissions.some((p) => p.admin);
  const cells = [
    esc(i.cloud),
    `<code>${esc(i.address)}</code><br><small>${esc(i.file ? [`${i.file}${i.line ? `:${i.line}` : ""}`, ...(i.via ?? []).map((v) => `${v.file}${v.line ? `:${v.line}` : ""}`)].join(" → ") : i.id)}</small>`,
    esc(i.repository ?? ""),
    esc(i.who),
    esc(i.target),
    i.permissions.map((p) => `<div>${esc(permissionPlain(p))}</div>`).join("") || "<small>none found</small>",
    esc(i.findings.map((f) => `${f.rule} ${f.severity}${f.suppressed ? " (ack)" : ""}`).join(", ")),
    admin ? '<span class="bad">admin</span>' : "",
    esc(i.unknowns.map((u) => `${u.value} (${u.from})`).join("; ")),
  ];
  return `<tr data-id="${esc(i.id)}">${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

function workloadRow(w: InventoryWorkload): string {
  const cells = [
    esc(w.who),
    esc(w.issuer),
    badges(w),
    esc(w.clouds.join(", ")),
    String(w.identities.length),
    w.permissions.map((p) => `<div>${esc(permissionPlain(p))}</div>`).join("") || "<small>none found</small>",
  ];
  return `<tr data-family="${esc(w.family)}">${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

function table(id: string, headers: readonly string[], rows: readonly string[]): string {
  return `<input class="filter" type="search" placeholder="Filter…" data-table="${id}" aria-label="Filter ${id}">
<table id="${id}"><thead><tr>${headers.map((h, n) => `<th data-col="${n}" title="Sort">${esc(h)}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
}

/** Diagram sizes. */
const ROW = 26;
const COL = [10, 380, 760];
const WIDTH = 1140;
const MAX_NODES = 80;

/**
 * workload → identity → permission as an inline SVG: three columns of labelled boxes joined by lines;
 * admin permissions and families admitting other tenants drawn in red. At most MAX_NODES per column.
 */
export function diagramSvg(inv: Inventory): string {
  const workloads = inv.workloads.slice(0, MAX_NODES);
  const identityIds = [...new Set(workloads.flatMap((w) => w.identities))].slice(0, MAX_NODES);
  const identities = identityIds.map((id) => inv.identities.find((i) => i.id === id)).filter((i): i is InventoryIdentity => i !== undefined);
  const permKey = (p: InventoryPermission) => `${p.kind}|${p.name}|${p.scope ?? ""}`;
  const perms = new Map<string, InventoryPermission>();
  for (const i of identities) for (const p of i.permissions) if (perms.size < MAX_NODES && !perms.has(permKey(p))) perms.set(permKey(p), p);
  const permList = [...perms.keys()];
  const height = Math.max(workloads.length, identities.length, permList.length, 1) * ROW + 40;
  const y = (n: number) => 30 + n * ROW;
  const label = (text: string) => esc(text.length > 52 ? `${text.slice(0, 51)}…` : text);
  const out: string[] = [];
  out.push(
    `<svg id="diagram" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="workload to identity to permission">`,
  );
  out.push(
    `<text x="${COL[0]}" y="16" class="h">Workloads</text><text x="${COL[1]}" y="16" class="h">Identities</text><text x="${COL[2]}" y="16" class="h">Permissions</text>`,
  );
  workloads.forEach((w, n) => {
    for (const id of w.identities) {
      const m = identities.findIndex((i) => i.id === id);
      if (m >= 0)
        out.push(
          `<line class="edge${w.admitsOtherTenants || w.wholeTenant ? " risky" : ""}" x1="${COL[0] + 350}" y1="${y(n) + 8}" x2="${COL[1]}" y2="${y(m) + 8}"/>`,
        );
    }
  });
  identities.forEach((i, m) => {
    for (const p of i.permissions) {
      const k = permList.indexOf(permKey(p));
      if (k >= 0) out.push(`<line class="edge${p.admin ? " risky" : ""}" x1="${COL[1] + 350}" y1="${y(m) + 8}" x2="${COL[2]}" y2="${y(k) + 8}"/>`);
    }
  });
  workloads.forEach((w, n) =>
    out.push(
      `<g class="node workload${w.admitsOtherTenants || w.wholeTenant ? " risky" : ""}"><rect x="${COL[0]}" y="${y(n) - 4}" width="350" height="22" rx="4"/><text x="${COL[0] + 6}" y="${y(n) + 12}">${label(w.who)}</text><title>${esc(w.who)}</title></g>`,
    ),
  );
  identities.forEach((i, m) =>
    out.push(
      `<g class="node identity"><rect x="${COL[1]}" y="${y(m) - 4}" width="350" height="22" rx="4"/><text x="${COL[1] + 6}" y="${y(m) + 12}">${label(`${i.cloud} ${i.address}`)}</text><title>${esc(`${i.id}: ${i.target}`)}</title></g>`,
    ),
  );
  permList.forEach((key, k) => {
    const p = perms.get(key) as InventoryPermission;
    out.push(
      `<g class="node permission${p.admin ? " risky" : ""}"><rect x="${COL[2]}" y="${y(k) - 4}" width="370" height="22" rx="4"/><text x="${COL[2] + 6}" y="${y(k) + 12}">${label(permissionPlain(p))}</text><title>${esc(permissionPlain(p))}</title></g>`,
    );
  });
  out.push("</svg>");
  return out.join("\n");
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#1b1f23}table{border-collapse:collapse;width:100%;margin:.5em 0 2em}
th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top;text-align:left}th{background:#f6f8fa;cursor:pointer;user-select:none}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}code{font-size:12px}small{color:#57606a}.filter{padding:4px;width:24em}
.bad{background:#ffebe9;color:#a40e26;border-radius:3px;padding:0 4px}.warn{background:#fff8c5;border-radius:3px;padding:0 4px}
.summary li{margin:.2em 0}svg .h{font-weight:600}svg text{font-size:12px}svg rect{fill:#f6f8fa;stroke:#8c959f}
svg .risky rect{fill:#ffebe9;stroke:#cf222e}svg .edge{stroke:#8c959f;stroke-width:1}svg .edge.risky{stroke:#cf222e}`;

const SCRIPT = `(function(){
function text(td){return (td.textContent||"").trim();}
document.querySelectorAll("input.filter").forEach(function(input){
  input.addEventListener("input",function(){
    var q=input.value.toLowerCase();var rows=document.querySelectorAll("#"+input.dataset.table+" tbody tr");
    rows.forEach(function(tr){tr.hidden=q!==""&&tr.textContent.toLowerCase().indexOf(q)<0;});
  });
});
document.querySelectorAll("th[data-col]").forEach(function(th){
  th.addEventListener("click",function(){
    var table=th.closest("table");var col=+th.dataset.col;var asc=!th.classList.contains("asc");
    table.querySelectorAll("th").forEach(function(h){h.classList.remove("asc","desc");});
    th.classList.add(asc?"asc":"desc");
    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=text(a.cells[col]),y=text(b.cells[col]);var nx=+x,ny=+y;
      var c=(x!==""&&y!==""&&!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});
    rows.forEach(function(r){body.appendChild(r);});
  });
});
})();`;

/**
 * The inventory as one self-contained HTML file: no network, no CDN (a Content-Security-Policy
 * forbids any fetch), a filterable, sortable table of identities and one of workloads, and an
 * inline SVG diagram workload → identity → permission.
 *
 * @example
 * fs.writeFileSync("inventory.html", inventoryHtml(inv));
 */
export function inventoryHtml(inv: Inventory): string {
  const s = inv.summary;
  const summary = [
    `${s.identities} identities (${
      Object.entries(s.byCloud)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ") || "none"
    }), ${s.workloads} workload families`,
    `repositories: ${s.repositories.join(", ") || "–"}`,
    `admitting more than one repository: ${s.broad}`,
    `admin-level permissions reachable from a pull request or any branch: ${s.adminFromAnyBranch}`,
    `tenants trusted: ${s.tenants.join(", ") || "none"}`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workload identity inventory</title><style>${STYLE}</style></head>
<body>
<h1>Workload identity inventory</h1>
<ul class="summary">${summary.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>
<h2>Workloads: who reaches what</h2>
${table("workloads", ["Who", "Issuer", "Marks", "Clouds", "Identities", "Can do (blast radius)"], inv.workloads.map(workloadRow))}
<h2>Identities</h2>
${table("identities", ["Cloud", "Address", "Repository", "Who", "Becomes", "Can do", "Findings", "Admin", "Unknown here"], inv.identities.map(identityRow))}
<h2>Diagram: workload → identity → permission</h2>
${diagramSvg(inv)}
${inv.problems.length > 0 ? `<h2>Inputs not read</h2><ul>${inv.problems.map((p) => `<li><code>${esc(p.file)}${p.line ? `:${p.line}` : ""}</code>: ${esc(p.message)}</li>`).join("")}</ul>` : ""}
<p><small>${esc(inv.tool)} · schemaVersion ${inv.schemaVersion}</small></p>
<script>${SCRIPT}</script>
</body></html>
`;
}
