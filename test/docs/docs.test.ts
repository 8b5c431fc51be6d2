/**
 * Documentation that cannot drift: the generated reference pages (docs/diagnostics.md from
 * the rule table, docs/settings.md from the settings schema) must be what
 * scripts/gen-docs.mjs writes now; every diagnostic's documentation link must land on an
 * anchor; every relative link in the README and docs/ must resolve, anchors included, and
 * so must every repository path they name in code; the README stays a front page; and
 * nothing points outside this repository.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CODES, docsUrl } from '../../server/core/diagnosticCodes';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const README = 'README.md';
const README_LIMIT = 15_000;

/** Every Markdown page of the documentation, relative to the root. */
function pages(): string[] {
  const out = [README];
  const walk = (dir: string): void => {
    for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

/** The text outside fenced code blocks. */
const prose = (text: string): string => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The anchor GitHub gives a heading: its text in lower case, punctuation but - and _ dropped, spaces as -. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The anchors a page offers: its headings (numbered as GitHub numbers repeats) and explicit ids. */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  const body = prose(text);
  for (const m of body.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n ? `${base}-${n}` : base);
  }
  for (const m of body.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]);
  return found;
}

/** The link targets of a page, outside code: [text](target) and ![alt](target). */
function links(text: string): string[] {
  const body = prose(text).replace(/`[^`\n]*`/g, '');
  return [...body.matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

describe('documentation', () => {
  it('has generated pages that match the rule table and the settings schema (run npm run gen:docs)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-docs.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `${r.stderr}${r.stdout}`);
  });

  it('has an anchor in docs/diagnostics.md for every code, where its documentation link points', () => {
    const offered = anchors(read('docs/diagnostics.md'));
    for (const code of Object.keys(CODES)) {
      assert.ok(offered.has(code), `docs/diagnostics.md has no anchor #${code}`);
      assert.ok(docsUrl(code).endsWith(`/docs/diagnostics.md#${code}`), docsUrl(code));
    }
  });

  it(`keeps the README a front page, under ${README_LIMIT} characters`, () => {
    const size = [...read(README)].length;
    assert.ok(size < README_LIMIT, `README.md has ${size} characters; move reference text to docs/`);
  });

  it('links only to files that exist, and to anchors those files have', () => {
    const problems: string[] = [];
    for (const page of pages()) {
      for (const target of links(read(page))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, ...
        const [file, anchor] = target.split('#', 2) as [string, string | undefined];
        const rel = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file))) : page;
        if (rel.startsWith('..')) {
          problems.push(`${page}: ${target} leaves the repository`);
          continue;
        }
        if (!existsSync(path.join(ROOT, rel))) {
          problems.push(`${page}: ${target}: ${rel} does not exist`);
          continue;
        }
        if (anchor !== undefined && rel.endsWith('.md') && !anchors(read(rel)).has(anchor)) {
          problems.push(`${page}: ${target}: ${rel} has no anchor #${anchor}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('names only repository paths that exist', () => {
    // A path in code (`server/core/itemCache.ts`, `test/budget-lab/`) must still be there
    // after files move; globs and placeholders (`syntaxes/*.json`, `<folder>`) are not checked.
    const problems: string[] = [];
    const pathLike = /^(?:server|client|test|scripts|syntaxes|snippets|docs|images|\.ci)\/[\w.\-/]*$/;
    for (const page of pages()) {
      for (const m of prose(read(page)).matchAll(/`([^`\n]+)`/g)) {
        const p = m[1].trim();
        if (pathLike.test(p) && !existsSync(path.join(ROOT, p)) ) problems.push(`${page}: \`${p}\` does not exist`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('mentions no file outside this repository', () => {
    const outside = [['..', 'shared'].join('/'), ['FACTS', 'md'].join('.'), `/${'work'}/`];
    const problems: string[] = [];
    for (const page of [...pages(), 'CHANGELOG.md']) {
      const text = read(page);
      for (const s of outside) if (text.includes(s)) problems.push(`${page} mentions ${s}`);
    }
    assert.deepEqual(problems, []);
  });
});
