/**
 * The `postfix/summary` request: what the diagnose commands need to know about the
 * configuration being edited (outbound transports, declared receivers).
 */
import { FeatureContext } from './context';

export interface ConfigurationSummary {
  /** Outbound (smtp/lmtp) transports in master.cf. */
  transports: { name: string; type: string; program: string }[];
  /** Receivers declared with `# @receiver` or in settings. */
  receivers: { name: string; maxConnections: number; transports: string[] }[];
}

export function summary(ctx: FeatureContext): ConfigurationSummary {
  return {
    transports: ctx.config.services.filter((s) => s.role === 'outbound').map((s) => ({ name: s.name, type: s.type, program: s.program })),
    receivers: [],
  };
}
