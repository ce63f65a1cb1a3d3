// A new issuer kind touches only its profile, its preset, the registry lines and tests (CONTRIBUTING.md,
// "A new issuer"). This test adds a made-up kind, "acme-ci", exactly that way: the two new files and one
// line per registry (applied to the real registries), nothing else. It then proves, with the TypeScript
// compiler, that everything compiles and `Trust.acmeCi(...)` is typed from the preset, and that leaving out
// the preset line or a profile field, or reusing a factory name, does not compile; and, running the copy, that the factory, the URL
// recognition, the lint's words, the inventory's words and docs/issuers.md all pick the kind up.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");
const SRC = path.join(ROOT, "src");

const PROFILE = `import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

/** Acme CI (made up for the test): one shared issuer, subjects team:TEAM:project:PROJECT:branch:BRANCH. */
export const ACME_CI: IssuerProfile = {
  kind: "acme-ci",
  name: "Acme CI",
  docs: "https://acme-ci.example/docs/oidc",
  preset: 'Trust.acmeCi({ team: "payments", project: "api", branch: "main" })',
  urls: [{ hostAndPath: /^oidc\\.acme-ci\\.example$/, shared: true, example: "https://oidc.acme-ci.example" }],
  grammars: [
    {
      form: "team:TEAM:project:PROJECT:branch:BRANCH",
      fields: [
        { name: "team", role: "tenant", lead: "team:", stop: ":" },
        { name: "project", role: "repository", lead: ":project:", stop: ":" },
        { name: "branch", role: "context", lead: ":branch:", stop: "" },
      ],
      tailPinsContext: (tail) => /:branch:[^:*?]+$/.test(tail),
    },
  ],
  claims: { team_id: { pins: ["tenant"], immutable: true } },
  words: {
    tenant: "Acme CI team",
    repository: "project",
    context: "branch",
    example: (tenant = "TEAM") => \`team:\${tenant}:project:PROJECT:branch:main\`,
    anyContext: { risk: (value) => \`\${JSON.stringify(value)} admits every Acme CI branch of the project.\`, fix: "Pin one branch." },
  },
  inventory: { name: () => "Acme CI", tenant: "team", repository: "project", context: plainContext(", any Acme CI branch"), claims: NO_FAMILY_CLAIMS },
  defaultAudience: (cloud) => (cloud === "aws" ? "sts.amazonaws.com" : undefined),
  aws: { claimKeys: [] },
  azure: {},
};
`;

const PRESET = `import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, NameRule } from "./names";

/** Options of \`Trust.acmeCi\`. */
export interface AcmeCiTrustOptions {
  readonly team: string;
  readonly project: string;
  readonly branch: string;
}

const SLUG: NameRule = { whole: /^[a-z0-9-]{1,40}$/, char: /[a-z0-9-]/, describe: "a slug is lowercase letters, digits and '-'", example: "payments" };

/** The \`TrustProps\` of \`Trust.acmeCi\`. */
export function acmeCiTrustProps(options: AcmeCiTrustOptions): TrustProps {
  checkPresetOptions("acmeCi", options, ["team", "project", "branch"], "{ team, project, branch }");
  const team = checkSubjectPart("acmeCi.team", options.team, SLUG);
  const project = checkSubjectPart("acmeCi.project", options.project, SLUG);
  const branch = checkSubjectPart("acmeCi.branch", options.branch, SLUG);
  return {
    issuer: Issuer.fromUrl("https://oidc.acme-ci.example"),
    subject: Subject.exactly(\`team:\${team}:project:\${project}:branch:\${branch}\`),
    claims: {},
    description: \`Acme CI \${team}/\${project} \${branch}\`,
  };
}

/** The \`Trust\` factories of this issuer kind. */
export const ACME_CI_PRESETS = {
  /** Acme CI jobs of one branch of one project. */
  acmeCi: acmeCiTrustProps,
} as const;
`;

/** Uses of the new kind, as a user writes them: the factory and its options type, from the trust entry. */
const PROBE = `import { Trust, TrustPresetOptions } from "./trust";

const options: TrustPresetOptions<"acmeCi"> = { team: "payments", project: "api", branch: "main" };
export const trust: Trust = Trust.acmeCi(options);
// @ts-expect-error the factory takes the preset's options, typed
Trust.acmeCi({ team: 1, project: "api", branch: "main" });
`;

/** `text` with `line` inserted after the line matching `after` (which must exist). */
function insertAfter(text: string, after: RegExp, line: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => after.test(l));
  if (at < 0) throw new Error(`no line matches ${after}`);
  return [...lines.slice(0, at + 1), line, ...lines.slice(at + 1)].join("\n");
}

const read = (file: string) => fs.readFileSync(path.join(SRC, file), "utf8");

/** The one registry line (and its import) per registry. */
function issuerRegistry(): string {
  let text = `import { ACME_CI } from "./acme-ci";\n${read("trust/issuers/index.ts")}`;
  text = text.replace(/export type IssuerKind =\s*/, 'export type IssuerKind =\n  | "acme-ci" | ');
  return insertAfter(text, /^export const ISSUER_PROFILES = \{$/, '  "acme-ci": ACME_CI,');
}
function presetRegistry(): string {
  const text = `import { ACME_CI_PRESETS } from "./acme-ci";\n${read("trust/presets/index.ts")}`;
  return insertAfter(text, /^export const TRUST_PRESETS = \{$/, '  "acme-ci": ACME_CI_PRESETS,');
}

/** Every file the new kind adds or changes, by path under src/. */
function newKindFiles(): Record<string, string> {
  return {
    "trust/issuers/acme-ci.ts": PROFILE,
    "trust/presets/acme-ci.ts": PRESET,
    "trust/issuers/index.ts": issuerRegistry(),
    "trust/presets/index.ts": presetRegistry(),
  };
}

/** Parsed files by path and text: the lib and node types are parsed once for every program below. */
const parsed = new Map<string, ts.SourceFile>();

/** TypeScript's errors for the program rooted at the probe, with `files` laid over src/. */
function typeErrors(files: Record<string, string>): string[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const overlay = new Map(Object.entries({ ...files, "acme-ci-probe.ts": PROBE }).map(([f, text]) => [path.join(SRC, f), text]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    const text = overlay.get(path.resolve(file));
    const key = `${file}\0${text ?? ""}`;
    const cached = parsed.get(key) ?? (text !== undefined ? ts.createSourceFile(file, text, language) : getSourceFile(file, language, onError));
    if (cached) parsed.set(key, cached);
    return cached;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => overlay.has(path.resolve(file)) || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => overlay.get(path.resolve(file)) ?? readFile(file);
  const program = ts.createProgram([path.join(SRC, "acme-ci-probe.ts")], { ...options, noEmit: true, types: ["node"] }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.relative(SRC, d.file.fileName) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

describe("a new issuer kind needs only its profile, its preset, the registry lines and tests", () => {
  test("it compiles, and Trust.acmeCi is typed from the preset (a wrong option is an error)", () => {
    expect(typeErrors(newKindFiles())).toEqual([]);
  });

  test("without its line in TRUST_PRESETS, or with a profile missing a field, it does not compile", () => {
    const files = newKindFiles();
    const errors = typeErrors({
      ...files,
      "trust/presets/index.ts": read("trust/presets/index.ts"),
      "trust/issuers/acme-ci.ts": files["trust/issuers/acme-ci.ts"].replace(/ {2}inventory: .*\n/, ""),
    });
    const inFile = (file: string, word: string) => errors.some((e) => e.startsWith(path.join(...file.split("/"))) && e.includes(word));
    expect([inFile("trust/presets/index.ts", '"acme-ci"'), inFile("trust/issuers/acme-ci.ts", "inventory")]).toEqual([true, true]);
  });

  test("a factory name another kind already uses does not compile", () => {
    const files = newKindFiles();
    const errors = typeErrors({
      ...files,
      "trust/presets/acme-ci.ts": files["trust/presets/acme-ci.ts"].replace("  acmeCi: acmeCiTrustProps,", "  gitlab: acmeCiTrustProps,"),
    });
    expect(errors.some((e) => e.startsWith(path.join("trust", "trust.ts")) && e.includes("duplicated"))).toBe(true);
  });

  test("at run time the factory, URL recognition, lint words, inventory words and the issuer docs pick it up", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wif-new-kind-"));
    try {
      fs.cpSync(SRC, path.join(tmp, "src"), { recursive: true });
      for (const [file, text] of Object.entries(newKindFiles())) fs.writeFileSync(path.join(tmp, "src", file), text);
      const script = `
        const src = ${JSON.stringify(path.join(tmp, "src"))};
        const { Trust, Subject, classifyIssuerUrl } = require(src + "/trust");
        const { lintTrust } = require(src + "/lint/lint-trust");
        const { familyWords } = require(src + "/inventory/words");
        const { renderIssuerDocs } = require(src + "/trust/issuers/docs");
        const trust = Trust.acmeCi({ team: "payments", project: "api", branch: "main" });
        const anyBranch = new Trust({ issuer: trust.issuer, subject: Subject.like("team:payments:project:api:*"), audiences: ["sts.amazonaws.com"] });
        process.stdout.write(JSON.stringify({
          kind: trust.issuer.kind,
          accepts: trust.accepts({ iss: "https://oidc.acme-ci.example", sub: "team:payments:project:api:branch:main", aud: "sts.amazonaws.com" }, "aws"),
          url: classifyIssuerUrl("oidc.acme-ci.example"),
          findings: lintTrust(anyBranch).map((f) => [f.rule, f.risk]),
          who: familyWords("acme-ci", "https://oidc.acme-ci.example", true, { tenant: "payments", repository: "api", context: "*" }),
          documented: renderIssuerDocs().includes('Trust.acmeCi({ team: "payments", project: "api", branch: "main" })'),
        }));`;
      const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
      expect(JSON.parse(out)).toEqual({
        kind: "acme-ci",
        accepts: true,
        url: { kind: "acme-ci", shared: true, url: expect.objectContaining({ example: "https://oidc.acme-ci.example" }) },
        findings: expect.arrayContaining([["WIF004", '"team:payments:project:api:*" admits every Acme CI branch of the project.']]),
        who: "Acme CI payments/api, any Acme CI branch",
        documented: true,
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
