/**
 * Reads the transport map sources that main.cf's transport_maps names, for the
 * strict-provider command's routes (which domain goes through which transport). The core
 * says which files; this adapter reads them: the path as written, else a file of the same
 * name beside main.cf (a configuration copied into a workspace). Only in a trusted
 * workspace, only regular files up to 4 MB, and nothing is run.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MapText } from '../core/languageService';

const MAX_BYTES = 4 * 1024 * 1024;

export function readTransportMaps(sources: readonly string[], mainUri: string | undefined, trusted: boolean): MapText[] {
  if (!trusted) return [];
  const folder = mainUri?.startsWith('file:') ? path.dirname(fileURLToPath(mainUri)) : undefined;
  const out: MapText[] = [];
  for (const source of sources) {
    for (const candidate of [source, ...(folder ? [path.join(folder, path.basename(source))] : [])]) {
      const text = readSmall(candidate);
      if (text !== undefined) {
        out.push({ path: candidate, text });
        break;
      }
    }
  }
  return out;
}

function readSmall(file: string): string | undefined {
  try {
    const st = statSync(file);
    return st.isFile() && st.size <= MAX_BYTES ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
