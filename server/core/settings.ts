import { Level, Severity, defaultSeverity } from './diagnosticCodes';

/**
 * Settings the analysis depends on. The LSP layer reads them from the client
 * (`postfix.*`), the command-line checker from its flags; the core only sees this object.
 */
export interface ReceiverSetting {
  name: string;
  maxConnections: number;
  /** The transports that deliver to it; may be empty when `domains` or `mx` are given (routing gives them). */
  transports: string[];
  /** Its domains and MX hosts, like the directive's domains= and mx=. */
  domains?: string[];
  mx?: string[];
  otherSenders?: number;
  destinations?: number;
  /** Whether the receiver offers STARTTLS (default true). */
  starttls?: boolean;
  /** The source address its cap is about. */
  source?: string;
  /** Whether it is the fallback relay of its transports (default false). */
  fallback?: boolean;
}

export interface AnalysisSettings {
  /** `postfix.version`: the release to check against ("3.7", "3.9.14", ...). */
  version?: string;
  /** Why that release, in a few words for the hover ("the one installed where the server runs ..."). */
  versionNote?: string;
  /**
   * The user's level per code (`postfix.diagnostics`, `postfix-lint --severity`): "off" or a
   * severity that replaces the code's own. Codes not listed keep theirs.
   */
  levels: ReadonlyMap<string, Level>;
  /** `postfix.receivers`: strict receivers declared in settings. */
  receivers: readonly ReceiverSetting[];
  /**
   * `postfix.upgradeFrom`: the release the server is upgraded from ("3.5", "3.7.11"). Set, it
   * turns on the upgrade diagnostics and the hovers' values under both releases.
   */
  upgradeFrom?: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { levels: new Map(), receivers: [] };

/** True when the user switched `code` off. */
export function isOff(settings: AnalysisSettings, code: string): boolean {
  return settings.levels.get(code) === 'off';
}

/** The severity a finding is shown with: the user's level for its code, else the finding's, else the code's. */
export function severityOf(settings: AnalysisSettings, finding: { code: string; severity?: Severity }): Severity {
  const level = settings.levels.get(finding.code);
  return level && level !== 'off' ? level : finding.severity ?? defaultSeverity(finding.code);
}
