/**
 * Settings the analysis depends on. The LSP layer reads them from the client
 * (`postfix.*`), the command-line checker from its flags; the core only sees this object.
 */
export interface ReceiverSetting {
  name: string;
  maxConnections: number;
  transports: string[];
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
  /** Codes switched off with `postfix.diagnostics.<code> = false`. */
  disabled: ReadonlySet<string>;
  /** `postfix.receivers`: strict receivers declared in settings. */
  receivers: readonly ReceiverSetting[];
}

export const DEFAULT_SETTINGS: AnalysisSettings = { disabled: new Set(), receivers: [] };
