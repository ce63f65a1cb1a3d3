import type { Rule } from "./rule";
import { WIF001 } from "./wif001-no-subject-check";
import { WIF002 } from "./wif002-tenant-wildcard";
import { WIF003 } from "./wif003-whole-tenant";
import { WIF004 } from "./wif004-any-context";
import { WIF005 } from "./wif005-untrusted-context";
import { WIF006 } from "./wif006-audience";
import { WIF007 } from "./wif007-operator-misuse";
import { WIF008 } from "./wif008-mutable-names";
import { WIF009 } from "./wif009-issuer";
import { WIF010 } from "./wif010-cloud-limits";
import { WIF011 } from "./wif011-unknown-value";

/** Every rule, in id order. Explicit registration: adding a rule means adding it here. */
export const ALL_RULES: readonly Rule[] = [WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011];

export type { Rule, RuleContext, RuleHit, RuleMeta } from "./rule";
