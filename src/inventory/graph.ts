import type { TrustFacts } from "../lint/facts";
import { extractTrustFactsIsolated } from "../terraform/extract";
import type { InputProblem } from "../terraform/input-problem";
import type { TerraformResource } from "../terraform/resources";

/**
 * What inventory and explain read: per configuration unit, its resources (to follow links from a
 * trust to what it grants) and its trust facts. Built today from the extractor on main; when the
 * Terraform evaluation layer settles, `graphFromUnits` is the one adapter to switch.
 */
export interface TrustGraphUnit {
  /** The module directory, stack or plan file, as shown to the user. */
  readonly name: string;
  readonly resources: readonly TerraformResource[];
  readonly byAddress: ReadonlyMap<string, TerraformResource>;
  readonly facts: readonly TrustFacts[];
}

export interface TrustGraph {
  readonly units: readonly TrustGraphUnit[];
  /** Resources a trust reader could not walk: each names its address, file and line; the rest is read. */
  readonly problems: readonly InputProblem[];
}

/** A unit of resources as the reader gives it. */
export interface ResourceUnit {
  readonly name: string;
  readonly resources: readonly TerraformResource[];
  /** What decides each unknown, from the evaluation (`var.x of module.ci, set nowhere ...`). */
  readonly unknownInputs?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds the graph from read units (`readInputs(...).units`, or resources from Terraform JSON).
 *
 * @example
 * const graph = graphFromUnits([{ name: "cdk.tf.json", resources: resourcesFromTerraformJson(json) }]);
 */
export function graphFromUnits(units: readonly ResourceUnit[]): TrustGraph {
  const problems: InputProblem[] = [];
  const built = units.map((u) => {
    const extracted = extractTrustFactsIsolated(u.resources, u.unknownInputs);
    problems.push(...extracted.problems);
    return {
      name: u.name,
      resources: u.resources,
      byAddress: new Map(u.resources.map((r) => [r.address, r])),
      facts: extracted.facts,
    };
  });
  return { units: built, problems };
}
