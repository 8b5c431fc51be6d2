/** What every editor feature gets: the configuration, its files, settings, and which file. */
import type { ConfigFiles, SourceFile } from '../document';
import type { Configuration } from '../model/configuration';
import type { AnalysisSettings } from '../settings';

export interface FeatureContext {
  config: Configuration;
  files: ConfigFiles;
  settings: AnalysisSettings;
  /** The file the request is about. */
  file: SourceFile;
}
