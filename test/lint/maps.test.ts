/** postfix-lint checks the lookup tables a configuration names, beside its main.cf. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/lspClient';

const LINT = path.join(ROOT, 'dist', 'lint.js');

describe('postfix-lint on lookup tables', () => {
  it('reports postmap\'s warnings and unknown transports in the tables main.cf names', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'postfix-lint-maps-'));
    writeFileSync(path.join(dir, 'main.cf'), 'transport_maps = hash:/etc/postfix/transport\nheader_checks = pcre:/etc/postfix/maps/header_checks.pcre\n');
    writeFileSync(path.join(dir, 'master.cf'), 'smtp unix - - n - - smtp\n');
    writeFileSync(path.join(dir, 'transport'), 'a.example smtp:\nb.example nosuch:\nlonely\n');
    mkdirSync(path.join(dir, 'maps'));
    writeFileSync(path.join(dir, 'maps', 'header_checks.pcre'), '/^Subject: x/ DISCARD\n/(open/ REJECT\n');
    // Run against the folder by its own name, as users do.
    const run = spawnSync(process.execPath, [LINT, '--format', 'json', path.basename(dir)], { cwd: path.dirname(dir), encoding: 'utf8', timeout: 20000 });
    const out = JSON.parse(run.stdout) as { findings: { file: string; code: string; line: number }[] };
    const found = out.findings.map((f) => `${path.relative(path.basename(dir), f.file)}:${f.line} ${f.code}`).sort();
    assert.deepEqual(found, [
      'maps/header_checks.pcre:2 map-regexp-syntax',
      'transport:2 map-unknown-transport',
      'transport:3 map-malformed-line',
    ]);
    assert.equal(run.status, 1, 'a skipped pcre rule is an error');
  });
});
