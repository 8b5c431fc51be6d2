/**
 * The upgrade review against both releases' own postconf. For every configuration of the
 * corpus and every pair of releases below (the distribution upgrades, and the same series
 * as the product names them), each release's `postconf -c DIR -x` prints every parameter
 * with its value in effect for the same files; the review's list of changed parameters
 * must be exactly the names whose printed values differ (or that only one release prints),
 * with the same old and new values; and with compatibility_level raised as the review
 * raises it (a line appended to main.cf), the same again for the new release.
 *
 * Values Postfix computes on the host (myhostname, mydomain, mynetworks, config_directory,
 * process_id, ...) are "computed on the server" on both sides: the review shows them as
 * `$name`, which matches whatever the host computed. The builds use stock install paths,
 * which the knowledge base holds; a distribution's package may choose others.
 *
 * postconf runs once per release and configuration text (about 10 ms each); the results
 * are shared by every pair.
 */
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigFiles, createLanguageService, UpgradeReview } from '../../server/core/languageService';
import { resolveRelease, stockCompatibilityLevel } from '../../server/core/kb/knowledgeBase';
import { Configuration } from '../../server/core/model/configuration';
import { valuesInEffect } from '../../server/core/model/inEffect';
import { below, raisedMainText } from '../../server/core/features/upgrade/pair';
import type { ValueSide } from '../../server/core/features/upgrade/values';
import { DEFAULT_SETTINGS } from '../../server/core/settings';
import { corpusConfigs } from '../helpers/corpus';
import { Oracle, oracles, releasesProblem, runOracleValues } from '../helpers/releases';

/** The distribution upgrades (Ubuntu 20.04 -> 22.04 -> 24.04, Debian 11 -> 12 -> 13, RHEL 9 -> 3.11, Debian 13 -> the 3.12 snapshot), and the same as series. */
const PAIRS: [string, string][] = [
  ['3.4.13', '3.6.4'], ['3.5.25', '3.7.11'], ['3.6.4', '3.8.6'], ['3.7.11', '3.10.5'], ['3.5.9', '3.11.6'], ['3.10.5', '3.12-20260821'],
  ['3.4', '3.6'], ['3.5', '3.7'], ['3.6', '3.8'], ['3.7', '3.10'], ['3.5', '3.11'], ['3.10', '3.12'],
];

const problem = releasesProblem();
const service = createLanguageService();

/** One folder for every postconf run: config_directory is then the same for every release. */
const FOLDER = path.join(os.tmpdir(), `pf-upgrade-oracle-${process.pid}`);

/**
 * postconf -x output per release and configuration text, each computed once. Each run has
 * a process id of its own: where the product says a value reads process_id, the run's own
 * id is written `$process_id`, as the product shows it.
 */
const printed = new Map<string, Map<string, string>>();
function postconfValues(oracle: Oracle, main: string, master: string): Map<string, string> {
  const key = `${oracle.release}\u0000${main}\u0000${master}`;
  let values = printed.get(key);
  if (values) return values;
  values = runOracleValues(oracle, { main, master }, FOLDER);
  const pid = values.get('process_id');
  const ours = valuesInEffect(new Configuration({ mainText: main, masterText: master, version: oracle.release }));
  if (pid) {
    for (const [name, value] of values) {
      if (ours.get(name)?.computed.includes('process_id')) values.set(name, value.replace(new RegExp(`\\b${pid}\\b`, 'g'), '$process_id'));
    }
  }
  printed.set(key, values);
  return values;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether postconf's value is what the product shows: equal, computed names matching anything the host computed. */
function matches(side: { text: string; computed: string[] }, value: string): boolean {
  const text = side.text.replace(/\s+/g, ' ').trim();
  if (!side.computed.length) return text === value;
  let pattern = escape(text);
  for (const name of [...side.computed].sort((a, b) => b.length - a.length)) pattern = pattern.split(escape(`$${name}`)).join('(.*?)');
  return new RegExp(`^${pattern}$`, 's').test(value);
}


function parse(main: string, master: string): ConfigFiles {
  return {
    main: service.parse('main', 'file:///corpus/main.cf', main) as ConfigFiles['main'],
    master: service.parse('master', 'file:///corpus/master.cf', master) as ConfigFiles['master'],
  };
}

function review(main: string, master: string, from: string, to: string): UpgradeReview {
  const files = parse(main, master);
  const result = service.upgradeReview({ files, file: files.main!, settings: { ...DEFAULT_SETTINGS, version: to } }, from, to);
  assert.ok(result.review, result.error);
  return result.review;
}

/**
 * The differences between the review's list (one side: `old`/`new`, or `new`/`raised`) and
 * postconf's two outputs: names listed that postconf does not see change, names postconf
 * sees change that are not listed, and values that differ.
 */
function compare(list: { name: string; a?: ValueSide; b?: ValueSide }[], a: Map<string, string>, b: Map<string, string>, skip: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const listed = new Map(list.map((c) => [c.name, c]));
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (skip.has(name)) continue;
    const c = listed.get(name);
    const [x, y] = [a.get(name), b.get(name)];
    if (!c) {
      if (x !== y) problems.push(`not listed: ${name}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
      continue;
    }
    if (c.a ? x === undefined || !matches(c.a, x) : x !== undefined) problems.push(`${name}: old ${JSON.stringify(c.a?.text)}, postconf ${JSON.stringify(x)}`);
    if (c.b ? y === undefined || !matches(c.b, y) : y !== undefined) problems.push(`${name}: new ${JSON.stringify(c.b?.text)}, postconf ${JSON.stringify(y)}`);
    if (x === y) problems.push(`listed, but postconf prints the same: ${name} = ${JSON.stringify(x)}`);
  }
  for (const name of listed.keys()) if (!a.has(name) && !b.has(name)) problems.push(`listed, but postconf prints neither: ${name}`);
  return problems;
}

describe('the upgrade review against both releases\' own postconf', { skip: problem }, () => {
  const all = problem ? [] : oracles().filter((o) => o.label === o.release);
  const oracleOf = (name: string): Oracle => {
    const release = resolveRelease(name).name;
    const oracle = all.find((o) => o.release === release);
    assert.ok(oracle, `a built ${name} (${release})`);
    return oracle;
  };
  const configs = corpusConfigs();
  after(() => rmSync(FOLDER, { recursive: true, force: true }));

  it('has the corpus and a built release for each of the pairs', () => {
    assert.ok(configs.length >= 20);
    for (const [from, to] of PAIRS) for (const name of [from, to]) oracleOf(name);
  });

  describe('each release\'s values in effect are what its postconf -x prints', () => {
    for (const name of [...new Set(PAIRS.flat().map((n) => resolveRelease(n).name))]) {
      it(`Postfix ${name}`, () => {
        const oracle = oracleOf(name);
        const problems: string[] = [];
        for (const c of configs) {
          const theirs = postconfValues(oracle, c.main, c.master);
          const ours = valuesInEffect(new Configuration({ mainText: c.main, masterText: c.master, version: name }));
          for (const [n, v] of theirs) {
            const mine = ours.get(n);
            if (!mine) problems.push(`${c.name}: ${n} missing`);
            else if (!matches(mine, v)) problems.push(`${c.name}: ${n} = ${JSON.stringify(mine.text)}, postconf ${JSON.stringify(v)}`);
          }
          for (const n of ours.keys()) if (!theirs.has(n)) problems.push(`${c.name}: ${n} is not printed by postconf`);
        }
        assert.deepEqual(problems.slice(0, 20), [], `${problems.length} differences`);
      });
    }
  });

  for (const [from, to] of PAIRS) {
    describe(`${from} -> ${to}`, () => {
      for (const c of configs) {
        it(c.name, () => {
          const r = review(c.main, c.master, from, to);
          const [a, b] = [oracleOf(from), oracleOf(to)];
          const before = postconfValues(a, c.main, c.master);
          const after = postconfValues(b, c.main, c.master);
          const upgraded = r.parameters.filter((p) => p.kind !== 'raise-only').map((p) => ({ name: p.name, a: p.old, b: p.new }));
          assert.deepEqual(compare(upgraded, before, after), [], 'the changed values are those postconf prints differently');
          // Raised exactly when postconf's compatibility_level is below the new release's own.
          const stock = stockCompatibilityLevel(resolveRelease(to));
          assert.equal(r.compatibilityLevel.raisedTo, below(after.get('compatibility_level') ?? '0', stock) ? stock : undefined, 'when compatibility_level is raised');
          const level = r.compatibilityLevel.raisedTo;
          if (!level) return;
          const raised = postconfValues(b, raisedMainText(c.main, level), c.master);
          const more = r.parameters.filter((p) => p.raised).map((p) => ({ name: p.name, a: p.new, b: p.raised }));
          assert.deepEqual(compare(more, after, raised, new Set(['compatibility_level'])), [], `with compatibility_level = ${level}`);
        });
      }
    });
  }
});
