import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { ConfigFiles, DEFAULT_SETTINGS, SourceFile, createLanguageService } from '../../../server/core/languageService';
import type { MapFile } from '../../../server/core/languageService';

const service = createLanguageService();
const MASTER = 'smtp unix - - n - - smtp\nrelay unix - - n - - smtp\norange unix - - n - 10 smtp\n';

/** The configuration, the table's parsed file and its uri. */
function setUp(mainText: string, path: string, text: string): { files: ConfigFiles; file: SourceFile<MapFile> } {
  const main = service.parse('main', 'file:///cfg/main.cf', mainText) as ConfigFiles['main'];
  const master = service.parse('master', 'file:///cfg/master.cf', MASTER) as ConfigFiles['master'];
  const syntax = service.mapReferences({ main, master }, DEFAULT_SETTINGS).find((r) => r.path === path)?.syntax ?? 'indexed';
  const file = service.parseMap('file:///cfg/table', text, syntax);
  return { files: { main, master, maps: new Map([[path, file]]) }, file };
}

/** Every quick-fix offered for the table's diagnostics of `code`, applied one at a time: [title, resulting text]. */
function fixes(mainText: string, path: string, text: string, code: string): [string, string][] {
  const { files, file } = setUp(mainText, path, text);
  const diagnostics = (service.validate(files, DEFAULT_SETTINGS).get('file:///cfg/table') ?? []).filter((d) => d.code === code);
  assert.ok(diagnostics.length, `a ${code} diagnostic`);
  const actions: CodeAction[] = service.codeActions({ files, file, settings: DEFAULT_SETTINGS }, diagnostics[0].range, diagnostics);
  return actions.map((a) => [a.title, apply(text, file, a)]);
}

function apply(text: string, file: SourceFile<MapFile>, action: CodeAction): string {
  const edits = [...(action.edit?.changes?.['file:///cfg/table'] ?? [])]
    .map((e) => ({ start: file.lines.offset(e.range.start), end: file.lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('quick-fixes in lookup tables', () => {
  it('map-duplicate-key: removes the later line, continuation included, and leaves the rest', () => {
    const text = 'a@example.com first\n# note\nA@EXAMPLE.COM second\n  continued\nb@example.com third\n';
    assert.deepEqual(fixes('virtual_alias_maps = hash:/etc/postfix/virtual\n', '/etc/postfix/virtual', text, 'map-duplicate-key'), [
      ['Remove the ignored entry (lines 3-4)', 'a@example.com first\n# note\nb@example.com third\n'],
    ]);
  });

  it('map-unknown-transport: offers master.cf transports of a similar name', () => {
    const text = 'orange.fr ornage:[smtp.orange.fr]\n';
    assert.deepEqual(fixes('transport_maps = hash:/etc/postfix/transport\n', '/etc/postfix/transport', text, 'map-unknown-transport'), [
      ['Change to "orange"', 'orange.fr orange:[smtp.orange.fr]\n'],
    ]);
  });

  it('map-access-action: a misspelt action or restriction becomes the release\'s nearest name', () => {
    const main = 'smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/access\n';
    assert.deepEqual(fixes(main, '/etc/postfix/access', 'spam@example.com REJCT go away\n', 'map-access-action'), [
      ['Change to "REJECT"', 'spam@example.com REJECT go away\n'],
    ]);
    assert.deepEqual(fixes(main, '/etc/postfix/access', 'x@example.com permit_mynetwork\n', 'map-access-action')[0],
      ['Change to "permit_mynetworks"', 'x@example.com permit_mynetworks\n']);
  });
});
