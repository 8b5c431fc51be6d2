/**
 * What rules report, independent of LSP: a stable code, a severity, a message and a
 * range in one of the two files, plus related places and fix data.
 */
import type { ConfigKind, FileKind } from './model/configuration';
import type { Severity } from './diagnosticCodes';

export type { Severity } from './diagnosticCodes';

export interface Place {
  file: FileKind;
  start: number;
  end: number;
  /** For a place in a lookup table (`file` 'map'): its key in `ConfigFiles.maps`. */
  map?: string;
}

/** A place in main.cf or master.cf. */
export interface ConfigPlace extends Place {
  file: ConfigKind;
}

export interface RelatedPlace extends Place {
  message: string;
}

export interface Finding extends Place {
  code: string;
  /** Only where it differs from the code's own severity (diagnosticCodes.ts) for this finding. */
  severity?: Severity;
  message: string;
  related?: RelatedPlace[];
  /** Rendered faded: text Postfix ignores. */
  unnecessary?: boolean;
  /** Rendered struck through. */
  deprecated?: boolean;
  /** What a quick-fix needs; kept small and JSON-safe (it travels in Diagnostic.data). */
  data?: Record<string, unknown>;
}

/** A finding as analyze() returns it: the severity the user sees, settled. */
export interface CheckedFinding extends Finding {
  severity: Severity;
}
