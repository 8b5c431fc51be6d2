/**
 * Counted words agree with their counts in every text the product shows: diagnostic
 * messages and their related information, code lens titles, hovers on every word, and
 * quick-fix titles, on configurations where the counts are 1 (issue 17: "up to 1 sessions").
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MarkupContent } from 'vscode-languageserver-types';
import { codeLenses } from '../../server/core/features/codeLens';
import { hover } from '../../server/core/features/hover';
import { ROOT } from '../helpers/lspClient';
import { actionsFor, runCore } from '../helpers/coreRun';

const INCIDENT = path.join(ROOT, 'test', 'fixtures', 'editor-workspace', 'incident');
const read = (name: string): string => readFileSync(path.join(INCIDENT, name), 'utf8');

/** Counts of one, with the nouns the product counts. */
const ONE_PLURAL = /(?<![\d.,])1 (?:\([^)]*\) )?(sessions|destinations|next-hops|processes|deliveries|transports|senders|domains|recipients|connections|messages)\b/;

const CASES: { name: string; main: string; master: string }[] = [
  {
    name: 'one session everywhere: maxproc 1, cap 1, one destination, one other sender',
    main: '# @receiver one max-connections=1 transports=t destinations=1 other-senders=1\nt_destination_concurrency_limit = 1\n',
    master: 't unix - - n - 1 smtp\n  -o smtp_connection_cache_on_demand=no\nu unix - - n - 1 smtp\n  -o smtp_connection_cache_on_demand=no\n',
  },
  {
    name: 'a recipient limit of 1 with maxproc 1',
    main: '# @receiver r max-connections=2 transports=t\nt_destination_recipient_limit = 1\nt_destination_rate_delay = 1s\n',
    master: 't unix - - n - 1 smtp\n',
  },
  {
    name: 'a transport rate delay, one next-hop of a fallback relay',
    main: '# @receiver f max-connections=1 transports=t fallback=yes destinations=1\nt_transport_rate_delay = 1s\n',
    master: 't unix - - n - 1 smtp\n',
  },
  { name: 'the incident with its receiver', main: `${read('main.cf')}# @receiver orange max-connections=1 transports=orange,wanadoo\n`, master: read('master.cf') },
];

/** Every text shown for a configuration. */
function shownTexts(main: string, master: string): string[] {
  const run = runCore({ main, master });
  const texts: string[] = [];
  for (const f of run.findings) texts.push(f.message, ...(f.related ?? []).map((r) => r.message));
  for (const kind of ['main', 'master'] as const) {
    const ctx = run.context(kind);
    for (const lens of codeLenses(ctx)) texts.push(lens.command?.title ?? '', lens.command?.tooltip ?? '');
    const text = ctx.file.text;
    for (let offset = 0; offset < text.length; offset++) {
      if (!/\w/.test(text[offset]) || (offset > 0 && /\w/.test(text[offset - 1]))) continue;
      const h = hover(ctx, offset);
      if (h) texts.push((h.contents as MarkupContent).value);
    }
    for (const d of run.diagnostics.get(ctx.file.uri) ?? []) texts.push(...actionsFor(ctx, d).map((a) => a.title));
  }
  return texts;
}

describe('plurals', () => {
  for (const c of CASES) {
    it(`no "1 ...s" in what is shown: ${c.name}`, () => {
      const wrong = shownTexts(c.main, c.master).filter((t) => ONE_PLURAL.test(t)).map((t) => t.match(ONE_PLURAL)![0] + ' in: ' + t.slice(0, 200));
      assert.deepEqual([...new Set(wrong)], []);
    });
  }
});
