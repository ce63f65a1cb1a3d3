import * as path from "path";
import type { Severity } from "../../lint/finding";
import { displayPath } from "../../terraform/discover";
import { DEFAULT_FAIL_ON, FailOn, LintCommandOptions } from "../commands/lint-options";
import type { ConfigAcknowledgement, WifConfig } from "./config";
import { excludeMatcher } from "./path-glob";

/** What one `wif lint` run uses: the command line over the config file over the defaults. */
export interface LintSettings {
  readonly failOn: FailOn;
  /** The config's rules and the command line's. */
  readonly ignore: readonly string[];
  /** The config's severities, overridden per rule by the command line's. */
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** The config's `var-files`, then `--var-file`s, relative to the working directory when inside it. */
  readonly varFiles: readonly string[];
  /** The config's `vars`, overridden per name by `--var`. */
  readonly vars: Readonly<Record<string, string>>;
  readonly acknowledge: readonly ConfigAcknowledgement[];
  /** True for an absolute path the config's `exclude` skips. */
  readonly exclude: (absolutePath: string) => boolean;
}

/**
 * Merges the command line with the config file (`undefined`: none). Scalars from the command line
 * win; lists are joined; maps are merged with the command line winning per key.
 *
 * @example
 * lintSettings(options, loadConfig(options.paths, cwd, options.config), cwd);
 */
export function lintSettings(options: LintCommandOptions, config: WifConfig | undefined, cwd: string): LintSettings {
  const matches = excludeMatcher(config?.exclude ?? []);
  const base = config?.directory;
  return {
    failOn: options.failOn ?? config?.failOn ?? DEFAULT_FAIL_ON,
    ignore: [...new Set([...(config?.ignore ?? []), ...options.ignore])],
    severityOverrides: { ...config?.severityOverrides, ...options.severityOverrides },
    varFiles: [...(config?.varFiles ?? []), ...options.varFiles].map((f) => displayPath(path.resolve(cwd, f), cwd)),
    vars: { ...config?.vars, ...options.vars },
    acknowledge: config?.acknowledge ?? [],
    exclude: (absolute) => {
      if (base === undefined) return false;
      const relative = path.relative(base, absolute);
      return !relative.startsWith("..") && !path.isAbsolute(relative) && relative !== "" && matches(relative);
    },
  };
}
