/** The main.cf TextMate grammar: scopes of real lines, tokenized as VS Code does. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scopesOf, tokenize } from '../helpers/grammar';
import { ROOT } from '../helpers/lspClient';

const MAIN = 'source.postfix.main';
const COMMENT = 'comment.line.number-sign.postfix';
const NAME = 'support.type.property-name.parameter.postfix';
const REF = 'variable.other.reference.postfix';

describe('main.cf grammar', () => {
  it('scopes a name, "=" and references in a value', async () => {
    const t = await tokenize(MAIN, 'smtpd_banner = $myhostname ESMTP ${mail_name} $(mail_version)');
    assert.ok(scopesOf(t, 0, 'smtpd_banner').includes(NAME));
    assert.ok(scopesOf(t, 0, '=').includes('punctuation.separator.key-value.postfix'));
    assert.ok(scopesOf(t, 0, 'myhostname').includes(REF));
    assert.ok(scopesOf(t, 0, '$', 0).includes('punctuation.definition.variable.postfix'));
    assert.ok(scopesOf(t, 0, 'mail_name').includes(REF));
    assert.ok(scopesOf(t, 0, '${').includes('meta.expansion.postfix'));
    assert.ok(scopesOf(t, 0, 'mail_version').includes(REF));
    assert.ok(!scopesOf(t, 0, 'ESMTP').includes(REF));
  });

  it('treats # as a comment only as the first non-blank character', async () => {
    const t = await tokenize(MAIN, ['# a comment', 'myhostname = host.example # not a comment', '   # indented comment'].join('\n'));
    assert.ok(scopesOf(t, 0, 'a comment').includes(COMMENT));
    assert.ok(!scopesOf(t, 1, '# not a comment').includes(COMMENT));
    assert.ok(scopesOf(t, 1, '# not a comment').includes('meta.entry.postfix'));
    assert.ok(scopesOf(t, 2, 'indented comment').includes(COMMENT));
  });

  it('keeps continuation lines, and comment and blank lines inside them, in the entry', async () => {
    const t = await tokenize(MAIN, ['mynetworks = 127.0.0.0/8', '    $extra_networks', '# column-1 comment', '', '    10.0.0.0/8', 'relayhost = [mx]:587'].join('\n'));
    assert.ok(scopesOf(t, 1, 'extra_networks').includes(REF));
    assert.ok(scopesOf(t, 1, 'extra_networks').includes('meta.entry.postfix'));
    assert.ok(scopesOf(t, 2, 'column-1').includes(COMMENT));
    assert.ok(scopesOf(t, 4, '10.0.0.0/8').includes('meta.entry.postfix'));
    assert.ok(scopesOf(t, 5, 'relayhost').includes(NAME));
    assert.ok(!scopesOf(t, 4, '10.0.0.0/8').includes('constant.numeric.postfix'), 'an address is not a number');
  });

  it('scopes $$, lookup tables, inline tables, numbers, times and booleans', async () => {
    const t = await tokenize(MAIN, [
      'smtpd_banner = $$not_a_reference',
      'alias_maps = hash:/etc/aliases, proxy:ldap:/etc/postfix/ldap.cf',
      'smtpd_forbidden_commands = CONNECT regexp:{{/^[^A-Z]/ Bogus}}',
      'maximal_queue_lifetime = 5d',
      'default_process_limit = 100',
      'soft_bounce = YES',
      'myhostname = no.example',
    ].join('\n'));
    assert.ok(scopesOf(t, 0, '$$').includes('constant.character.escape.dollar.postfix'));
    assert.ok(!scopesOf(t, 0, 'not_a_reference').includes(REF));
    assert.ok(scopesOf(t, 1, 'hash').includes('support.type.table.postfix'));
    assert.ok(scopesOf(t, 1, 'proxy').includes('support.type.table.postfix'));
    assert.ok(scopesOf(t, 1, 'ldap').includes('support.type.table.postfix'));
    assert.ok(!scopesOf(t, 1, '/etc/aliases').includes('support.type.table.postfix'));
    assert.ok(scopesOf(t, 2, 'regexp').includes('support.type.table.postfix'));
    assert.ok(scopesOf(t, 2, 'Bogus').includes('meta.braces.postfix'));
    assert.ok(scopesOf(t, 3, '5d').includes('constant.numeric.postfix'));
    assert.ok(scopesOf(t, 4, '100').includes('constant.numeric.postfix'));
    assert.ok(scopesOf(t, 5, 'YES').includes('constant.language.boolean.postfix'));
    assert.ok(!scopesOf(t, 6, 'no').includes('constant.language.boolean.postfix'), '"no" inside a host name is not a boolean');
  });

  it('scopes conditional and relational expansions', async () => {
    const t = await tokenize(MAIN, 'smtp_tls_fingerprint_digest = ${{$compatibility_level} <level {3.6} ? {md5} : {sha256}}\nnext = 1');
    assert.ok(scopesOf(t, 0, 'compatibility_level').includes(REF));
    assert.ok(scopesOf(t, 0, '<level').includes('keyword.operator.comparison.postfix'));
    assert.ok(scopesOf(t, 0, '?').includes('keyword.operator.conditional.postfix'));
    assert.ok(scopesOf(t, 0, 'sha256').includes('meta.expansion.postfix'));
    assert.ok(scopesOf(t, 1, 'next').includes(NAME));
  });

  it('ends an unclosed ${ at the next entry instead of colouring the rest of the file', async () => {
    const t = await tokenize(MAIN, 'a = ${unclosed\n  still inside\nmyhostname = x');
    assert.ok(scopesOf(t, 1, 'still inside').includes('meta.expansion.postfix'));
    assert.ok(scopesOf(t, 2, 'myhostname').includes(NAME));
    assert.ok(!scopesOf(t, 2, 'myhostname').includes('meta.expansion.postfix'));
  });

  it('tokenizes long hostile lines quickly (no runaway backtracking)', async () => {
    // Inputs that make a backtracking regex blow up: long runs with no "=", blanks
    // before a missing "=", unclosed expansions, long digit runs with a bad unit.
    const hostile = [
      'x'.repeat(10000),
      `${'x'.repeat(5000)} y = z`,
      `x${' '.repeat(10000)}y =`,
      `x = ${'${'.repeat(100)}${'a '.repeat(2000)}`,
      `x = ${'$'.repeat(2001)}${'1'.repeat(4000)}q`,
      `x = ${'hash:/a, {b} $c ${d} 10s yes '.repeat(150)}`,
    ].join('\n');
    const started = Date.now();
    const t = await tokenize(MAIN, hostile, 3000);
    assert.equal(t.stoppedEarly, false);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('opens regions for six levels of nesting, and only punctuation deeper (a short rule stack on hostile nesting)', async () => {
    const nested = (depth: number): string => `mydomain = ${'${x?{'.repeat(depth)}v${'}}'.repeat(depth)}\nnext = 1`;
    const three = await tokenize(MAIN, nested(3));
    assert.ok(scopesOf(three, 0, 'v').includes('meta.braces.postfix'));
    assert.equal(scopesOf(three, 0, 'v').filter((s) => s === 'meta.expansion.postfix').length, 3);
    // 5,000 levels used to push 10,000 regions, one scope each on every token after them
    // (quadratic: 90 s and out of memory in the grammar check); now the stack stops at six.
    const deep = await tokenize(MAIN, nested(5000), 10_000);
    assert.equal(deep.stoppedEarly, false);
    const longest = Math.max(...deep.tokens[0].map((t) => t.scopes.length));
    assert.ok(longest <= 10, `a token with ${longest} scopes`);
    assert.ok(scopesOf(deep, 1, 'next').includes(NAME));
    const dollars = await tokenize(MAIN, `a = ${'$('.repeat(20)}x`);
    assert.ok(Math.max(...dollars.tokens[0].map((t) => t.scopes.length)) <= 10);
  });

  it('keeps every nesting level the same as the first, but for what it includes', () => {
    const file = path.join(ROOT, 'syntaxes', 'postfix-main.tmLanguage.json');
    const repository = (JSON.parse(readFileSync(file, 'utf8')) as { repository: Record<string, { patterns?: unknown }> }).repository;
    const withoutPatterns = ({ patterns: _, ...rest }: { patterns?: unknown }): unknown => rest;
    for (const kind of ['expansion-braced', 'expansion-paren', 'braces']) {
      for (let level = 2; level <= 6; level++) {
        const copy = repository[`${kind}-${level}`];
        assert.ok(copy, `${kind}-${level} is missing`);
        assert.deepEqual(withoutPatterns(copy), withoutPatterns(repository[kind]), `${kind}-${level} differs from ${kind}`);
        const includes = JSON.stringify(copy.patterns);
        assert.ok(includes.includes(`"#value-${level + 1}"`), `${kind}-${level} includes value-${level + 1}: ${includes}`);
      }
    }
    assert.ok(JSON.stringify(repository['value-7'].patterns).includes('#nesting-too-deep'));
  });
});
