/**
 * A FeatureContext built the way the server builds one: both files parsed once, the
 * configuration made from those trees, and the request's file one of them.
 */
import { parseMapSource, parseSource } from '../../server/core/document';
import { tablesOfMaps } from '../../server/core/model/tables';
import { FeatureContext } from '../../server/core/features/context';
import { ConfigFiles } from '../../server/core/languageService';
import { Configuration } from '../../server/core/model/configuration';
import { DEFAULT_SETTINGS } from '../../server/core/settings';

export const MAIN_URI = 'file:///etc/postfix/main.cf';
export const MASTER_URI = 'file:///etc/postfix/master.cf';

export interface ContextInput {
  main?: string;
  master?: string;
  /** Which file the request is about. */
  file: 'main' | 'master';
  /** The postfix.version setting. */
  version?: string;
  /** The postfix.upgradeFrom setting. */
  upgradeFrom?: string;
  /** Texts of indexed map files by the path main.cf names them with (file:// + path is their uri). */
  maps?: Record<string, string>;
}

export function featureContext({ main, master, file, version, upgradeFrom, maps }: ContextInput): FeatureContext {
  const files: ConfigFiles = {};
  if (main !== undefined) files.main = parseSource('main', MAIN_URI, main);
  if (master !== undefined) files.master = parseSource('master', MASTER_URI, master);
  if (maps) files.maps = new Map(Object.entries(maps).map(([path, text]) => [path, parseMapSource(`file://${path}`, text, 'indexed')]));
  const config = new Configuration({ main: files.main?.tree, master: files.master?.tree, version, tables: files.maps && tablesOfMaps(files.maps) });
  const source = file === 'main' ? files.main : files.master;
  if (!source) throw new Error(`no ${file} text given`);
  return { config, files, settings: { ...DEFAULT_SETTINGS, version, ...(upgradeFrom ? { upgradeFrom } : {}) }, file: source };
}
