/**
 * The layers keep to their boundaries (docs/ARCHITECTURE.md): the adapters (the LSP server
 * and postfix-lint) reach the core only through its facade, core/languageService.ts; the
 * core imports no transport (only the LSP types, and Node's url module for IDNA).
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/lspClient';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module a file imports or re-exports from, resolved to a path relative to the root when local. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => {
    const spec = m[1] ?? m[2];
    return spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), spec)) : spec;
  });
}

const SERVER = path.join(ROOT, 'server');
const adapters = [...tsFiles(path.join(SERVER, 'lsp')), ...tsFiles(path.join(SERVER, 'cli')), path.join(SERVER, 'lint.ts'), path.join(SERVER, 'main.ts')];

describe('layering', () => {
  it('the adapters import the core only through its facade', () => {
    const wrong = adapters.flatMap((file) => importsOf(file)
      .filter((spec) => spec.startsWith('server/core/') && spec !== 'server/core/languageService')
      .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`));
    assert.deepEqual(wrong, []);
  });

  it('the core imports no transport: only the LSP types and Node\'s url module', () => {
    const allowed = new Set(['vscode-languageserver-types', 'node:url']);
    const wrong = tsFiles(path.join(SERVER, 'core')).flatMap((file) => importsOf(file)
      .filter((spec) => !spec.startsWith('server/') && !allowed.has(spec) && !spec.endsWith('.json'))
      .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`));
    assert.deepEqual(wrong, []);
  });

  it('the check sees violations (a self-test on a file that breaks the rule)', () => {
    const lsp = path.join(SERVER, 'lsp', 'server.ts');
    assert.ok(importsOf(lsp).includes('server/core/languageService'), 'the parser finds the facade import');
    const hover = path.join(SERVER, 'core', 'features', 'hover', 'index.ts');
    assert.ok(importsOf(hover).some((spec) => spec.startsWith('server/core/')), 'and other core imports');
  });
});
