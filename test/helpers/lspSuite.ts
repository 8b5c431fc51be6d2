/**
 * What the protocol tests share: one server per describe block, and reading the text and
 * message of a published diagnostic.
 */
import { after, before } from 'node:test';
import { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/core/lineIndex';
import { TestClient } from './lspClient';

/**
 * Starts and initializes one server before the tests of the enclosing describe block and
 * shuts it down after them. Call it inside `describe`; read `.client` inside the tests
 * (it is set once the before hook has run). `configuration` is what the client answers for
 * the `postfix` settings section, from the first request on.
 */
export function suiteServer(options: { configuration?: Record<string, unknown> } = {}): { readonly client: TestClient } {
  const suite: { client?: TestClient } = {};
  before(async () => {
    suite.client = new TestClient();
    if (options.configuration) suite.client.configuration = options.configuration;
    await suite.client.initialize();
  });
  after(() => suite.client?.shutdown());
  return {
    get client(): TestClient {
      if (!suite.client) throw new Error('the server starts in the before hook: use .client inside a test');
      return suite.client;
    },
  };
}

/** The text a diagnostic's range covers in `text`. */
export function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

/** A diagnostic's message as plain text, whether it came as a string or as markup. */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
