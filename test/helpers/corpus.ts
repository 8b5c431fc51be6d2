/** The real-world configurations in test/fixtures/corpus, read once. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lspClient';

export const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');

export interface CorpusConfig {
  name: string;
  main: string;
  master: string;
}

let cached: CorpusConfig[] | undefined;

/** Every corpus folder with its main.cf and master.cf texts, sorted by name. */
export function corpusConfigs(): CorpusConfig[] {
  if (cached) return cached;
  const read = (dir: string, file: string): string => {
    const p = path.join(CORPUS_DIR, dir, file);
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  };
  cached = readdirSync(CORPUS_DIR)
    .filter((d) => existsSync(path.join(CORPUS_DIR, d, 'main.cf')) || existsSync(path.join(CORPUS_DIR, d, 'master.cf')))
    .sort()
    .map((name) => ({ name, main: read(name, 'main.cf'), master: read(name, 'master.cf') }));
  return cached;
}
