/**
 * The keyword overlay is checked against postconf(5) of the installed Postfix (from the
 * postfix-doc package): every keyword the installed release accepts appears in the entry
 * of its parameter, or in an entry it links to (lmtp_tls_ciphers -> smtp_tls_ciphers ->
 * smtp_tls_mandatory_ciphers). Build-dependent keywords are checked against the command
 * that lists them instead (`postconf -a` for smtpd_sasl_type).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolveRelease } from '../../server/core/kb/knowledgeBase';
import { VALUE_SETS, valueChoices } from '../../server/core/kb/valueSets';
import { postconfAvailable, postconfVersion } from '../helpers/postconf';

const HTML = '/usr/share/doc/postfix/html/postconf.5.html';
const live = existsSync(HTML) && postconfAvailable() ? postconfVersion() : undefined;

/** The entries of postconf.5.html by name: the text between one <DT> anchor and the next. */
function entries(): Map<string, { text: string; links: string[] }> {
  const html = readFileSync(HTML, 'utf8');
  const out = new Map<string, { text: string; links: string[] }>();
  const parts = html.split(/<DT><b><a name="/);
  for (const part of parts.slice(1)) {
    const name = part.slice(0, part.indexOf('"'));
    const links = [...part.matchAll(/postconf\.5\.html#([a-z0-9_]+)/g)].map((m) => m[1]);
    const text = part.replace(/<[^>]*>/g, ' ').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    out.set(name, { text, links });
  }
  return out;
}

describe(`keyword value sets against postconf(5) of Postfix ${live ?? '(not installed)'}`, { skip: !live }, () => {
  it('lists every keyword in the parameter\'s entry or in an entry it refers to (two links at most)', () => {
    const docs = entries();
    const release = resolveRelease(live);
    const mentions = (name: string, word: string, hops: number): boolean => {
      const entry = docs.get(name);
      if (!entry) return false;
      if (new RegExp(`(^|[^A-Za-z0-9_.-])${word.replace(/[.]/g, '\\.')}($|[^A-Za-z0-9_-])`).test(entry.text)) return true;
      return hops > 0 && entry.links.some((l) => l !== name && mentions(l, word, hops - 1));
    };
    let checked = 0;
    for (const set of VALUE_SETS) {
      for (const name of set.params) {
        if (!docs.has(name)) continue;
        const listed = set.listedBy && execFileSync(set.listedBy[0], set.listedBy.slice(1), { encoding: 'utf8' }).split(/\s+/);
        for (const v of valueChoices(name, release)!.values) {
          if (listed) {
            assert.ok(listed.includes(v.value), `${set.listedBy!.join(' ')} does not list "${v.value}"`);
            checked++;
            continue;
          }
          assert.ok(mentions(name, v.value, 2), `postconf(5) ${name} does not mention "${v.value}"`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} keywords checked`);
  });
});
