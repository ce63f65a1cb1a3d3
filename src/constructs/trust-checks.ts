import type { IConstruct } from "constructs";
import type { Acknowledgement } from "../lint/acknowledgement";
import { lintFacts, LintOptions } from "../lint/engine";
import { isAtLeast, type Finding, type Severity } from "../lint/finding";
import { evaluateTerraformJson } from "../terraform/eval";
import { extractTrustFacts, resourcesFromTerraformJson } from "../terraform/extract";
import type { TerraformResource } from "../terraform/resources";
import { withCdktfOrigins } from "../terraform/cdktf-metadata";
import { checkLintOptions, LINT_OPTIONS } from "../lint/options";
import { engineOf, isStack } from "./engine";
import type { IEngineAspect } from "./engine-types";
import { describeFinding } from "./lint-messages";
import { ACKNOWLEDGE_METADATA } from "./trust-gate";

/** Options of the `TrustChecks` Aspect. */
export interface TrustChecksProps extends LintOptions {
  /**
   * Findings at or above this severity fail synthesis.
   * @default "high"
   */
  readonly failOn?: Severity;
}

/**
 * An Aspect that lints every trust-bearing resource of each stack, hand-written ones included
 * (`aws_iam_role` trust policies, GCP pool providers and their IAM members, Azure federated
 * credentials), from the stack's resolved Terraform JSON, with the same extractor `wif lint` uses.
 * Each finding at or above `failOn` becomes an error annotation on the resource's construct, so
 * `cdktf synth` fails listing every failing resource with its construct path; the others become
 * warnings, and acknowledged ones are reported as suppressed (info). `Testing.synth` does not fail
 * on error annotations: read `checks.findings` or `Testing.toHaveErrors`-style annotations in tests.
 *
 * cdktf 0.21 invokes Aspects from each stack downwards, so an Aspect added to the `App` itself is
 * never visited: add it to each stack, or call `TrustChecks.addToStacks(app)` after defining them.
 *
 * @example
 * Aspects.of(stack).add(new TrustChecks({ failOn: "high" }));
 * TrustChecks.addToStacks(app, { failOn: "high" }); // every stack defined so far
 */
export class TrustChecks implements IEngineAspect {
  /** Adds one `TrustChecks` Aspect to every stack under `scope` (the App, or a stack); returns it. */
  public static addToStacks(scope: IConstruct, props: TrustChecksProps = {}): TrustChecks {
    const checks = new TrustChecks(props);
    const stacks = scope.node.findAll().filter(isStack);
    for (const stack of stacks) engineOf(stack, "TrustChecks.addToStacks").api.Aspects.of(stack).add(checks);
    return checks;
  }

  /** The findings of the stacks visited so far. */
  public readonly findings: Finding[] = [];
  /** The findings at or above `failOn` of the stacks visited so far (each is an error annotation). */
  public readonly failures: Finding[] = [];
  private readonly failOn: Severity;
  private readonly props: TrustChecksProps;

  constructor(props: TrustChecksProps = {}) {
    checkLintOptions("TrustChecks", props, [...LINT_OPTIONS, "failOn"]);
    this.props = Object.freeze({ ...props });
    this.failOn = props.failOn ?? "high";
  }

  public visit(node: IConstruct): void {
    if (!isStack(node)) return;
    const { Annotations } = engineOf(node, `TrustChecks(${node.node.path})`).api;
    const findings = checkStack(node, this.props);
    this.findings.push(...findings);
    const byPath = new Map(node.node.findAll().map((c) => [c.node.path, c] as const));
    for (const f of findings) {
      const at = (f.constructPath !== undefined ? byPath.get(f.constructPath) : undefined) ?? node;
      const line = at === node ? `${f.address}: ${describeFinding(f)}` : describeFinding(f);
      if (!f.suppressed && isAtLeast(f.severity, this.failOn)) {
        this.failures.push(f);
        Annotations.of(at).addError(`${line} (TrustChecks failOn "${this.failOn}")`);
      } else if (f.suppressed || f.severity === "info") Annotations.of(at).addInfo(line);
      else Annotations.of(at).addWarning(line);
    }
  }
}

/** What `checkStack` reads of a stack of either engine. */
export interface StackLike extends IConstruct {
  toTerraform(): unknown;
}

/** Lints one stack's resolved Terraform JSON, with construct-level acknowledgements applied to their resources. */
export function checkStack(stack: StackLike, options: LintOptions = {}): Finding[] {
  const json = stack.toTerraform();
  const acksByPath = constructAcknowledgements(stack);
  // Values come from the evaluation layer (locals, variables with defaults, count/for_each, functions),
  // as `wif lint` reads cdk.tf.json; the construct metadata and acknowledgements from the block as written.
  const written = new Map(resourcesFromTerraformJson(json).map((r) => [r.address, r]));
  const root = evaluateTerraformJson(json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {});
  const resources: TerraformResource[] = root.instances.map((instance) => {
    const r = written.get(instance.address.replace(/\[[^\]]*\]$/, "")) ?? instance;
    const path = metadataPath(r.values);
    const inherited = path ? inheritedAcks(path, acksByPath) : [];
    const acknowledgements = [...(r.acknowledgements ?? []), ...inherited];
    return {
      ...instance,
      values: r.values["//"] !== undefined ? { ...instance.values, "//": r.values["//"] } : instance.values,
      ...(acknowledgements.length > 0 ? { acknowledgements } : {}),
    };
  });
  return withCdktfOrigins(lintFacts(extractTrustFacts(resources, root.unknownInputs), options), resources);
}

function metadataPath(values: Readonly<Record<string, unknown>>): string | undefined {
  const comment = values["//"] as { metadata?: { path?: unknown } } | undefined;
  return typeof comment?.metadata?.path === "string" ? comment.metadata.path : undefined;
}

function constructAcknowledgements(stack: StackLike): Map<string, Acknowledgement[]> {
  const out = new Map<string, Acknowledgement[]>();
  for (const c of stack.node.findAll()) {
    const acks = c.node.metadata.filter((m) => m.type === ACKNOWLEDGE_METADATA).flatMap((m) => m.data as Acknowledgement[]);
    if (acks.length > 0) out.set(c.node.path, acks);
  }
  return out;
}

/** Acknowledgements recorded on the resource's construct or any ancestor. */
function inheritedAcks(path: string, acksByPath: ReadonlyMap<string, Acknowledgement[]>): Acknowledgement[] {
  const parts = path.split("/");
  const out: Acknowledgement[] = [];
  for (let n = parts.length; n > 0; n--) out.push(...(acksByPath.get(parts.slice(0, n).join("/")) ?? []));
  return out;
}
