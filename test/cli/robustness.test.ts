import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALL_RULES } from "../../src/lint/rules";
import * as awsTrust from "../../src/terraform/aws-trust";
import type { TrustGraph } from "../../src/terraform/eval";
import { findingRows, runCli } from "./run-cli";

/** A `repo:*` role: the finding every robustness case must still report beside its bad input. */
const ANY_REPO_ROLE = `resource "aws_iam_role" "anyone" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:*" }
      }
    }]
  })
}
`;

/** A scratch directory `infra/` holding `role.tf` and what `setup` adds; returns the scan root (cwd). */
function scratch(setup: (infra: string) => void): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wif-robust-"));
  const infra = path.join(root, "infra");
  fs.mkdirSync(infra);
  fs.writeFileSync(path.join(infra, "role.tf"), ANY_REPO_ROLE);
  setup(infra);
  return root;
}

const deepLocals = (n: number) => `locals {\n  x = ${"{ a = ".repeat(n)}1${" }".repeat(n)}\n}\n`;

interface Case {
  readonly setup: (infra: string) => void;
  /** The problem `wif lint --format json` reports, `file[:line]: message` (message matched as a regex). */
  readonly problem: RegExp;
}

/** A file outside every scanned tree, whose bytes must never reach a report. */
const OUTSIDE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wif-outside-")), "secret.tf");
fs.writeFileSync(OUTSIDE, "SECRET-BYTES-OF-THE-SCANNING-MACHINE {\n");

const CASES: Readonly<Record<string, Case>> = {
  "a 10,000-deep nested locals (defect 7)": {
    setup: (infra) => fs.writeFileSync(path.join(infra, "deep.tf"), deepLocals(10_000)),
    problem: /^infra\/deep\.tf: nests brackets, strings and templates more than 256 levels deep: /,
  },
  "a dangling link x.tf -> /missing (defect 9)": {
    setup: (infra) => fs.symlinkSync("/missing", path.join(infra, "x.tf")),
    problem: /^infra\/x\.tf: symbolic link to a file or directory that does not exist: nothing was read\./,
  },
  "a dangling link to a directory (defect 9)": {
    setup: (infra) => fs.symlinkSync(path.join(infra, "gone"), path.join(infra, "modules")),
    problem: /^infra\/modules: symbolic link to a file or directory that does not exist/,
  },
  "a link loop a.tf -> b.tf -> a.tf (defect 9)": {
    setup: (infra) => {
      fs.symlinkSync("b.tf", path.join(infra, "a.tf"));
      fs.symlinkSync("a.tf", path.join(infra, "b.tf"));
    },
    problem: /^infra\/a\.tf: symbolic link loop .*\n.*^infra\/b\.tf: symbolic link loop /ms,
  },
  "a directory link back to its parent (defect 9)": {
    setup: (infra) => {
      fs.mkdirSync(path.join(infra, "sub"));
      fs.symlinkSync("..", path.join(infra, "sub", "up"));
    },
    problem: /^infra\/sub\/up: symbolic link loop \(the link leads back to itself or to a directory above it\): not followed\./,
  },
  "a duplicate resource address in another file, pinned (defect 10)": {
    setup: (infra) => fs.writeFileSync(path.join(infra, "z.tf"), ANY_REPO_ROLE.replace("repo:*", "repo:octo-org/app:ref:refs/heads/main")),
    problem:
      /^infra\/z\.tf:1: aws_iam_role\.anyone is declared twice in one module, at infra\/role\.tf:1 and at infra\/z\.tf:1: Terraform refuses this \("Duplicate resource configuration"\), and a tool that keeps one block hides the other\. Both blocks are checked; rename or remove one\.$/,
  },
  "a duplicate resource address in the same file (defect 10)": {
    setup: (infra) => fs.appendFileSync(path.join(infra, "role.tf"), `\n${ANY_REPO_ROLE.replace("repo:*", "repo:octo-org/app:ref:refs/heads/main")}`),
    problem: /^infra\/role\.tf:16: aws_iam_role\.anyone is declared twice in one module, at infra\/role\.tf:1 and at infra\/role\.tf:16: /,
  },
  "a duplicate resource key in a .tf.json, the first one repo:* (defect 10)": {
    setup: (infra) => {
      const policy = (subject: string) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                StringLike: { "token.actions.githubusercontent.com:sub": subject },
              },
            },
          ],
        });
      const block = (subject: string) => `{"assume_role_policy": ${JSON.stringify(policy(subject))}}`;
      fs.writeFileSync(
        path.join(infra, "main.tf.json"),
        `{"resource": {"aws_iam_role": {\n"dup": ${block("repo:*")},\n"dup": ${block("repo:octo-org/app:ref:refs/heads/main")}}}}`,
      );
    },
    problem:
      /^infra\/main\.tf\.json:3: "dup" in resource\.aws_iam_role is written twice \(first at line 2\): Terraform refuses this \("Duplicate JSON object property"\), and a JSON reader keeps only the last, so the first is not checked\. Remove or rename one\.$/,
  },
  "a link to a file outside the scanned tree is not followed (defect 16)": {
    setup: (infra) => fs.symlinkSync(OUTSIDE, path.join(infra, "x.tf")),
    problem:
      /^infra\/x\.tf: symbolic link to a path outside the scanned tree \(the working directory and the paths named\): not followed, nothing of its target was read\./,
  },
  "a link to a directory outside the scanned tree is not followed (defect 16)": {
    setup: (infra) => fs.symlinkSync(path.dirname(OUTSIDE), path.join(infra, "shared")),
    problem: /^infra\/shared: symbolic link to a path outside the scanned tree/,
  },
};

describe("wif lint: one bad input is one problem (exit 2), and the other file's finding is still reported", () => {
  test.each(Object.entries(CASES))("%s", async (_, c) => {
    const cwd = scratch(c.setup);
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd });
    const doc = JSON.parse(run.stdout) as { problems: { file: string; line: number | null; message: string }[]; exitCode: number };
    expect(run.code).toBe(2);
    expect(doc.exitCode).toBe(2);
    expect(findingRows(run.stdout).filter((r) => r[0] === "WIF002")).toEqual([["WIF002", "critical", "aws_iam_role.anyone", 1, "repo:*"]]);
    expect(doc.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`).join("\n")).toMatch(c.problem);
    for (const leak of [cwd, OUTSIDE, path.dirname(OUTSIDE), "SECRET-BYTES"]) expect(run.stdout + run.stderr).not.toContain(leak);
  });

  test("--output still writes the report (with the other file's finding) when a file is too deep to parse", async () => {
    const cwd = scratch((infra) => fs.writeFileSync(path.join(infra, "deep.tf"), deepLocals(10_000)));
    const run = await runCli(["lint", "infra", "--format", "sarif", "--output", "wif.sarif"], { cwd });
    const doc = JSON.parse(fs.readFileSync(path.join(cwd, "wif.sarif"), "utf8"));
    expect(run.code).toBe(2);
    expect(doc.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("WIF002");
    expect(
      doc.runs[0].invocations[0].toolExecutionNotifications.map(
        (n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(["infra/deep.tf"]);
  });
});

describe("wif lint: links inside the scanned tree are followed", () => {
  test("a link to a file and a link to a directory of the tree are read; the directory once", async () => {
    const cwd = scratch((infra) => {
      fs.mkdirSync(path.join(infra, "modules"));
      fs.writeFileSync(path.join(infra, "modules", "main.tf"), ANY_REPO_ROLE.replace("anyone", "module_role"));
      fs.symlinkSync("modules", path.join(infra, "linked"));
      fs.symlinkSync(path.join("modules", "main.tf"), path.join(infra, "alias.tf"));
    });
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd });
    const doc = JSON.parse(run.stdout) as { files: string[]; problems: unknown[] };
    expect(doc.problems).toEqual([]);
    expect(doc.files).toEqual(["infra/alias.tf", "infra/role.tf", "infra/linked/main.tf"]); // modules/ is linked/: searched once
  });
});

/**
 * Root reads every directory whatever its mode, so the unreadable-directory case runs the CLI as
 * `nobody` when the tests run as root (setpriv, else su); as another user it runs in-process.
 */
describe("wif lint: an unreadable subdirectory (defect 9)", () => {
  const asRoot = process.getuid?.() === 0;
  const runner = asRoot ? nonRootRunner() : "in-process";

  test("is a problem naming it (exit 2), and the other file's finding is still reported", async () => {
    if (typeof runner === "string" && runner !== "in-process") {
      console.warn(`SKIPPED unreadable-directory test: running as root and ${runner}`);
      return;
    }
    const cwd = scratch((infra) => {
      fs.mkdirSync(path.join(infra, "locked"));
      fs.writeFileSync(path.join(infra, "locked", "hidden.tf"), ANY_REPO_ROLE.replace("anyone", "hidden"));
    });
    fs.chmodSync(cwd, 0o755);
    fs.chmodSync(path.join(cwd, "infra"), 0o755);
    fs.chmodSync(path.join(cwd, "infra", "role.tf"), 0o644);
    fs.chmodSync(path.join(cwd, "infra", "locked"), 0o000);
    try {
      const run = runner === "in-process" ? await runCli(["lint", "infra", "--format", "json"], { cwd }) : runner(["lint", "infra", "--format", "json"], cwd);
      const doc = JSON.parse(run.stdout) as { problems: { file: string; message: string }[] };
      expect(run.code).toBe(2);
      expect(
        findingRows(run.stdout)
          .filter((r) => r[0] === "WIF002")
          .map((r) => r[2]),
      ).toEqual(["aws_iam_role.anyone"]);
      expect(doc.problems).toEqual([
        {
          file: "infra/locked",
          line: null,
          message:
            "directory cannot be read: permission denied (EACCES); its Terraform files are not checked. Make it readable by the user running wif lint, or leave it out of the paths.",
        },
      ]);
      expect(run.stdout).not.toContain(cwd);
    } finally {
      fs.chmodSync(path.join(cwd, "infra", "locked"), 0o755);
    }
  });
});

describe("wif lint: an unreadable module directory a module call reaches (defect 9)", () => {
  const runner = process.getuid?.() === 0 ? nonRootRunner() : "in-process";

  test("is a problem naming it (exit 2), not only an unread module", async () => {
    if (typeof runner === "string" && runner !== "in-process") {
      console.warn(`SKIPPED unreadable-module test: running as root and ${runner}`);
      return;
    }
    const cwd = scratch((infra) => fs.writeFileSync(path.join(infra, "main.tf"), 'module "ci" {\n  source = "../modules/locked"\n}\n'));
    fs.mkdirSync(path.join(cwd, "modules", "locked"), { recursive: true });
    fs.writeFileSync(path.join(cwd, "modules", "locked", "main.tf"), ANY_REPO_ROLE);
    for (const p of [cwd, path.join(cwd, "infra"), path.join(cwd, "modules")]) fs.chmodSync(p, 0o755);
    for (const f of ["role.tf", "main.tf"]) fs.chmodSync(path.join(cwd, "infra", f), 0o644);
    fs.chmodSync(path.join(cwd, "modules", "locked"), 0o000);
    try {
      const run = runner === "in-process" ? await runCli(["lint", "infra", "--format", "json"], { cwd }) : runner(["lint", "infra", "--format", "json"], cwd);
      expect(run.code).toBe(2);
      expect(
        findingRows(run.stdout)
          .filter((r) => r[0] === "WIF002")
          .map((r) => r[2]),
      ).toEqual(["aws_iam_role.anyone"]);
      expect(JSON.parse(run.stdout).problems).toContainEqual({
        file: "modules/locked",
        line: null,
        message:
          "directory cannot be read: permission denied (EACCES); its Terraform files are not checked. Make it readable by the user running wif lint, or leave it out of the paths.",
      });
    } finally {
      fs.chmodSync(path.join(cwd, "modules", "locked"), 0o755);
    }
  });
});

type Runner = (argv: string[], cwd: string) => { code: number; stdout: string; stderr: string };

/**
 * Runs the CLI (through ts-node) as `nobody`, with the first of setpriv / su found on the machine; or
 * says why it cannot (no way to drop to nobody, or a checkout nobody cannot read, e.g. under a 0700 temp dir).
 */
function nonRootRunner(): Runner | string {
  const repo = path.join(__dirname, "..", "..");
  const node = [process.execPath, "-r", require.resolve("ts-node/register"), path.join(repo, "src", "cli", "main.ts")];
  const env = { ...process.env, TS_NODE_PROJECT: path.join(repo, "tsconfig.json"), TS_NODE_TRANSPILE_ONLY: "1", NO_COLOR: "1" };
  const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const wrap: ((argv: string[]) => string[]) | undefined = has("setpriv")
    ? (argv) => ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node, ...argv]
    : has("su")
      ? (argv) => ["su", "nobody", "-s", "/bin/sh", "-c", [...node, ...argv].map(quote).join(" ")]
      : undefined;
  if (!wrap) return "neither setpriv nor su can drop to nobody on this machine";
  const [probe, ...probeArgs] = wrap(["--help"]);
  if (spawnSync(probe, probeArgs, { cwd: os.tmpdir(), env, encoding: "utf8" }).status !== 0) {
    return `nobody cannot run the CLI from this checkout (${repo} is not readable by other users)`;
  }
  return (argv, cwd) => {
    const [cmd, ...args] = wrap(argv);
    const run = spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  };
}

describe("wif lint: duplicate resource addresses (defect 10)", () => {
  test("both blocks are linted, each finding at its own block", async () => {
    const cwd = scratch((infra) => fs.writeFileSync(path.join(infra, "z.tf"), ANY_REPO_ROLE.replace("repo:*", "repo:other-org/*")));
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd });
    const doc = JSON.parse(run.stdout) as { findings: { rule: string; file: string; line: number; value: string }[] };
    expect(run.code).toBe(2);
    expect(doc.findings.filter((f) => f.rule === "WIF002" || f.rule === "WIF003").map((f) => `${f.rule} ${f.file}:${f.line} ${f.value}`)).toEqual([
      "WIF002 infra/role.tf:1 repo:*",
      "WIF003 infra/z.tf:1 repo:other-org/*",
    ]);
  });
});

describe("wif lint: reserved characters in file names (defect 16)", () => {
  test("SARIF artifact URIs percent-encode # ? % and resolve to the file; JSON keeps the path as is", async () => {
    const cwd = scratch((infra) => {
      fs.renameSync(path.join(infra, "role.tf"), path.join(infra, "a#b?c%d.tf"));
      fs.writeFileSync(path.join(infra, "bad #1.tf"), "resource {\n");
    });
    const sarif = await runCli(["lint", "infra", "--format", "sarif"], { cwd });
    const run = JSON.parse(sarif.stdout).runs[0];
    const uris = [
      ...run.results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri,
      ),
      ...run.invocations[0].toolExecutionNotifications.map(
        (n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri,
      ),
    ];
    expect([...new Set(uris)]).toEqual(["infra/a%23b%3Fc%25d.tf", "infra/bad%20%231.tf"]);
    expect(uris.map((u) => decodeURIComponent(new URL(u, "file:///root/").pathname))).toContain("/root/infra/a#b?c%d.tf");
    const json = JSON.parse((await runCli(["lint", "infra", "--format", "json"], { cwd })).stdout);
    expect(json.files).toEqual(["infra/a#b?c%d.tf", "infra/bad #1.tf"]);
  });
});

describe("wif lint: a resource that breaks a reader or a rule is one problem; the module's other findings stay (defect 8)", () => {
  afterEach(() => jest.restoreAllMocks());
  const cwd = () => scratch((infra) => fs.writeFileSync(path.join(infra, "bad.tf"), ANY_REPO_ROLE.replace("anyone", "bad")));

  test("the AWS reader throws on one role (as on a value it cannot walk)", async () => {
    const original = awsTrust.awsTrustFacts;
    jest.spyOn(awsTrust, "awsTrustFacts").mockImplementation((graph: TrustGraph) => {
      if (graph.instances.some((r) => r.address === "aws_iam_role.bad")) throw new RangeError("Maximum call stack size exceeded");
      return original(graph);
    });
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd: cwd() });
    expect(run.code).toBe(2);
    expect(
      findingRows(run.stdout)
        .filter((r) => r[0] === "WIF002")
        .map((r) => r[2]),
    ).toEqual(["aws_iam_role.anyone"]);
    expect(JSON.parse(run.stdout).problems).toEqual([
      {
        file: "infra/bad.tf",
        line: 1,
        message:
          "aws_iam_role.bad: could not be analysed: RangeError: Maximum call stack size exceeded; its trust is not checked (the other resources are). Simplify the value, or report a bug in wif with a copy of it.",
      },
    ]);
  });

  test("a rule throws on one trust", async () => {
    const rule = ALL_RULES.find((r) => r.meta.id === "WIF001") as (typeof ALL_RULES)[number];
    const original = rule.check.bind(rule);
    jest.spyOn(rule, "check").mockImplementation((context) => {
      if (context.facts.address === "aws_iam_role.bad") throw new Error("boom");
      return original(context);
    });
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd: cwd() });
    expect(run.code).toBe(2);
    expect(
      findingRows(run.stdout)
        .filter((r) => r[0] === "WIF002")
        .map((r) => r[2]),
    ).toEqual(["aws_iam_role.anyone"]);
    expect(JSON.parse(run.stdout).problems).toEqual([
      {
        file: "infra/bad.tf",
        line: 1,
        message:
          "aws_iam_role.bad: the rules could not be run on this trust: boom; it is not checked (the others are). Report a bug in wif with a copy of the resource.",
      },
    ]);
  });
});

describe("wif lint: one bad value beside a repo:* role (defect 8): the value is reported on its resource, the role's finding stays", () => {
  const POOL = 'resource "google_iam_workload_identity_pool" "p" {\n  workload_identity_pool_id = "pool"\n}\n';
  const provider = (condition: string) =>
    `resource "google_iam_workload_identity_pool_provider" "gh" {\n  workload_identity_pool_id          = google_iam_workload_identity_pool.p.workload_identity_pool_id\n  workload_identity_pool_provider_id = "gh"\n  attribute_mapping                  = { "google.subject" = "assertion.sub" }\n  attribute_condition                = ${JSON.stringify(condition)}\n  oidc {\n    issuer_uri = "https://token.actions.githubusercontent.com"\n  }\n}\n`;
  const deepPolicy = JSON.stringify({
    resource: {
      aws_iam_role: {
        deep: {
          assume_role_policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":${"[".repeat(6_000)}"x"${"]".repeat(6_000)}}}}]}`,
        },
      },
    },
  });
  test.each<[string, string, string, string]>([
    [
      "a GCP member .../subject/100% (malformed percent-encoding)",
      "gcp.tf",
      `${POOL}${provider("assertion.repository_owner_id == '123'")}resource "google_service_account_iam_member" "m" {\n  service_account_id = "sa"\n  role               = "roles/iam.workloadIdentityUser"\n  member             = "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/subject/100%"\n}\n`,
      "google_iam_workload_identity_pool_provider.gh",
    ],
    ["a policy JSON nested 6,000 deep", "deep.tf.json", deepPolicy, "aws_iam_role.deep"],
    [
      "a CEL condition with 20,000 ORs",
      "gcp.tf",
      POOL + provider(Array.from({ length: 20_001 }, (_, i) => `assertion.sub == 'repo:o/r${i}:ref:refs/heads/main'`).join(" || ")),
      "google_iam_workload_identity_pool_provider.gh",
    ],
  ])("%s", async (_, file, text, address) => {
    const cwd = scratch((infra) => fs.writeFileSync(path.join(infra, file), text));
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd });
    const doc = JSON.parse(run.stdout) as { findings: { rule: string; address: string; file: string }[]; problems: { file: string; message: string }[] };
    expect(run.code).not.toBe(0);
    expect(doc.findings.filter((f) => f.rule === "WIF002").map((f) => `${f.address} ${f.file}`)).toEqual(["aws_iam_role.anyone infra/role.tf"]);
    const named = [...doc.findings.map((f) => `${f.file} ${f.address}`), ...doc.problems.map((p) => `${p.file} ${p.message}`)];
    expect(named.some((n) => n.startsWith(`infra/${file} ${address}`))).toBe(true);
    expect(doc.problems.filter((p) => /could not be analysed/.test(p.message) && !p.message.startsWith(address))).toEqual([]);
  });
});
