/** Document symbols: the outline of main.cf and master.cf. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { parseSource } from '../../server/core/document';
import { documentSymbols } from '../../server/core/features/symbols';

const flat = (s: DocumentSymbol): unknown => ({
  name: s.name, detail: s.detail, kind: s.kind,
  range: [s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character],
  selection: [s.selectionRange.start.line, s.selectionRange.start.character, s.selectionRange.end.line, s.selectionRange.end.character],
  ...(s.children ? { children: s.children.map(flat) } : {}),
});

describe('document symbols', () => {
  it('lists main.cf entries with their value, across continuation lines', () => {
    const text = '# comment\nmyhostname = mail.example.com\nmynetworks = 127.0.0.0/8\n    10.0.0.0/8\nbroken line\n';
    assert.deepEqual(documentSymbols(parseSource('main', 'file:///m/main.cf', text)).map(flat), [
      { name: 'myhostname', detail: 'mail.example.com', kind: 7, range: [1, 0, 1, 29], selection: [1, 0, 1, 10] },
      { name: 'mynetworks', detail: '127.0.0.0/8 10.0.0.0/8', kind: 7, range: [2, 0, 3, 14], selection: [2, 0, 2, 10] },
    ]);
  });

  it('cuts long values short', () => {
    const long = 'x'.repeat(200);
    const [symbol] = documentSymbols(parseSource('main', 'file:///m/main.cf', `smtpd_banner = ${long}\n`));
    assert.equal(symbol.detail, `${'x'.repeat(79)}…`);
  });

  it('lists master.cf services as name/type with the command and their -o options', () => {
    const text = [
      'smtp      inet  n       -       y       -       -       smtpd',
      'submission inet n       -       y       -       -       smtpd',
      '  -o syslog_name=postfix/submission',
      '  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }',
      '  -o',
      '',
    ].join('\n');
    assert.deepEqual(documentSymbols(parseSource('master', 'file:///m/master.cf', text)).map(flat), [
      { name: 'smtp/inet', detail: 'smtpd', kind: 2, range: [0, 0, 0, 61], selection: [0, 0, 0, 4], children: [] },
      {
        name: 'submission/inet', detail: 'smtpd', kind: 2, range: [1, 0, 4, 4], selection: [1, 0, 1, 10],
        children: [
          { name: 'syslog_name', detail: 'postfix/submission', kind: 7, range: [2, 2, 2, 35], selection: [2, 5, 2, 16] },
          { name: 'smtpd_client_restrictions', detail: 'permit_sasl_authenticated, reject', kind: 7, range: [3, 2, 3, 70], selection: [3, 7, 3, 32] },
        ],
      },
    ]);
  });
});
