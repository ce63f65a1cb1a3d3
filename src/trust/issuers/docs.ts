import { ISSUER_KINDS, ISSUER_PROFILES } from "./index";
import type { IssuerProfile, ProfileCloud } from "./profile";

const CLOUD_NAMES: Readonly<Record<ProfileCloud, string>> = { aws: "AWS", gcp: "GCP", azure: "Azure" };
const FALLBACK: Readonly<Record<ProfileCloud, string>> = {
  aws: "none: name `audiences`",
  gcp: "the provider's full resource name",
  azure: "`api://AzureADTokenExchange`",
};

/** The markdown page of every issuer profile (docs/issuers.md). */
export function renderIssuerDocs(): string {
  return (
    `<!-- Generated from src/trust/issuers by scripts/generate-rule-docs.ts; do not edit. -->\n` +
    `# Issuers\n\n` +
    `What the library knows about each OIDC issuer. Each section is generated from one profile ` +
    `(\`src/trust/issuers/<kind>.ts\`); the presets, the compilers, the lint and its messages read the same profile. ` +
    `A shared issuer hands tokens to every tenant from one URL: its subjects must pin the tenant. ` +
    `See CONTRIBUTING.md to add an issuer.\n\n` +
    `| kind | issuer | shared | subject |\n|---|---|---|---|\n` +
    ISSUER_KINDS.map((k) => {
      const p = ISSUER_PROFILES[k];
      const urls = p.urls.map((u) => `\`${u.example}\``).join("<br>") || (p.subjectPrefix ? `any (subjects \`${p.subjectPrefix}...\`)` : "any");
      return `| [${k}](#${k}) | ${urls} | ${p.urls.some((u) => u.shared) ? "yes" : "no"} | ${p.grammars.map((g) => `\`${g.form.replace(/\|/g, "\\|")}\``).join("<br>") || "opaque"} |\n`;
    }).join("") +
    "\n" +
    ISSUER_KINDS.map((k) => section(ISSUER_PROFILES[k])).join("\n")
  );
}

function section(p: IssuerProfile): string {
  const lines: string[] = [`## ${p.kind}`, "", `**${p.name}** ([issuer documentation](${p.docs}))`, ""];
  if (p.preset) lines.push("```ts", ...p.preset.split(" · "), "```", "");
  if (p.sources) lines.push("Checked against:", "", ...p.sources.map((s) => `- ${s.url}: ${s.confirms}`), "");
  if (p.unconfirmed) lines.push("**Not confirmed** by the issuer's own documentation:", "", ...p.unconfirmed.map((u) => `- ${u}`), "");
  if (p.urls.length > 0) {
    lines.push("Issuer URLs:", "");
    for (const u of p.urls) {
      lines.push(`- \`${u.example}\` (${u.shared ? "shared by every tenant" : "private"}${u.trailingSlash ? "; `iss` ends with `/`" : ""})`);
    }
    lines.push("");
  } else if (p.subjectPrefix) {
    lines.push(`Issuer URLs: any; a generic issuer whose subjects start with \`${p.subjectPrefix}\` is read as ${p.kind}.`, "");
  }
  for (const g of p.grammars) {
    lines.push(`Subject \`${g.form}\`: ${g.fields.map((f) => `${f.name} (${f.role})`).join(", ")}.`, "");
  }
  lines.push(
    `Messages call the tenant "${p.words.tenant}", one repository "${p.words.repository}", its contexts "${p.words.context}". Narrow subject: \`${p.words.example()}\`.`,
    "",
  );
  const anyContext = p.words.anyContext;
  lines.push(
    `WIF004 (one ${p.words.repository}, any context)${anyContext.severity ? `, **${anyContext.severity}**` : ""}: ${anyContext.risk("...").replace(/^"\.\.\." /, "")} ${anyContext.fix}`,
    "",
  );
  if (p.words.anyRepository)
    lines.push(
      `WIF004 **${p.words.anyRepository.severity ?? "medium"}** when the ${p.words.repository} is open: ${p.words.anyRepository.risk("...").replace(/^"\.\.\." /, "")}`,
      "",
    );
  if (p.words.immutablePins) lines.push(`WIF008 (mutable names): pin ${p.words.immutablePins}.`, "");
  const claims = Object.entries(p.claims);
  if (claims.length > 0) {
    lines.push(`Identity claims: ${claims.map(([c, m]) => `\`${c}\` (pins ${m.pins.join(" and ")}${m.immutable ? ", immutable" : ""})`).join(", ")}.`, "");
  }
  const example = p.urls[0]?.example.slice("https://".length) ?? "";
  lines.push(
    "| cloud | default audience | claims it can check besides `sub` and `aud` |",
    "|---|---|---|",
    ...(["aws", "gcp", "azure"] as const).map((cloud) => `| ${CLOUD_NAMES[cloud]} | ${audience(p, cloud, example)} | ${checkable(p, cloud)} |`),
    "",
  );
  return lines.join("\n");
}

function audience(p: IssuerProfile, cloud: ProfileCloud, hostAndPath: string): string {
  const value = p.defaultAudience(cloud, hostAndPath);
  return value === undefined ? FALLBACK[cloud] : `\`${value}\``;
}

function checkable(p: IssuerProfile, cloud: ProfileCloud): string {
  if (cloud === "gcp") return "any claim (CEL over `assertion`)";
  if (cloud === "aws") {
    const keys = p.aws.claimKeys.flatMap((k) => k.claims);
    return keys.length > 0
      ? [...new Set(keys)].map((c) => `\`${c}\``).join(", ") + " (for the issuer URLs the AWS Service Authorization Reference lists)"
      : "none";
  }
  const flexible = p.azure.flexible;
  const implied = p.azure.impliedClaims ? "claims the subject implies (exact credentials); " : "";
  return flexible
    ? `${implied}flexible credentials (app registrations) on ${flexible.urls.map((u) => `\`${u}\``).join(", ")}: ${Object.entries(flexible.language.claims)
        .map(([c, ops]) => `\`${c}\` ${ops.join("/")}`)
        .join(", ")}${flexible.language.requiredOneOf ? `; must pin one of ${flexible.language.requiredOneOf.join(", ")}` : ""}`
    : `${implied || "none: "}exact subjects only${implied ? "" : " (no flexible credentials)"}`;
}
