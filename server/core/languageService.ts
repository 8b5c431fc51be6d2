/**
 * The editor features over one configuration (main.cf + master.cf), transport-free:
 * texts and positions in, LSP types out. The LSP server and the command-line checker are
 * thin adapters around it.
 */
import { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from './analyze';
import { SourceFile } from './document';
import { CheckedFinding } from './findings';
import { Configuration } from './model/configuration';
import { MainCf } from './syntax/mainCf';
import { MasterCf } from './syntax/masterCf';
import { AnalysisSettings } from './settings';
import { Files, diagnosticsByUri } from './toDiagnostic';

/** The files of one configuration and the settings they are checked with. */
export interface ConfigFiles {
  main?: SourceFile<MainCf>;
  master?: SourceFile<MasterCf>;
}

/** Remembers the last configuration built, so features after a check reuse its indexes. */
export class ConfigurationCache {
  private last?: { main?: SourceFile; master?: SourceFile; version?: string; config: Configuration };

  get(files: ConfigFiles, settings: AnalysisSettings): Configuration {
    const l = this.last;
    if (l && l.main === files.main && l.master === files.master && l.version === settings.version) return l.config;
    const config = new Configuration({ main: files.main?.tree, master: files.master?.tree, version: settings.version });
    this.last = { main: files.main, master: files.master, version: settings.version, config };
    return config;
  }
}

export function findingsFor(config: Configuration, settings: AnalysisSettings): CheckedFinding[] {
  return analyze(config, settings);
}

/** Diagnostics for every file of the configuration, keyed by uri. */
export function diagnosticsFor(config: Configuration, files: ConfigFiles, settings: AnalysisSettings): Map<string, Diagnostic[]> {
  return diagnosticsByUri(findingsFor(config, settings), files as Files);
}
