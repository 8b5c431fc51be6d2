/** The shape every rule has: a pure function from the configuration to findings. */
import type { Configuration } from '../model/configuration';
import type { Finding } from '../findings';
import type { AnalysisSettings } from '../settings';

export interface RuleContext {
  config: Configuration;
  settings: AnalysisSettings;
}

export interface Rule {
  /** The codes this rule can report (for documentation and for skipping disabled rules). */
  codes: readonly string[];
  check(ctx: RuleContext): Finding[];
}
