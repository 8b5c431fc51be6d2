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
