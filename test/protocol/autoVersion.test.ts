/**
 * postfix.version = "auto" over the real server: the installed postconf's answer selects
 * that exact release's facts, and a release the knowledge base lacks falls back to the
 * nearest older one, which the hover says. The installed Postfix is a fake on PATH that
 * prints a chosen mail_version.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';

const URI = 'file:///srv/auto/main.cf';
/** Backported to 3.5.20 and later: 3.5.8 (RHEL 8) lacks it, 3.5.25 (Debian 11) has it. */
const MAIN = 'smtpd_forbid_unauth_pipelining = yes\nmyhostname = mx.example.com\n';

describe('postfix.version = auto', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A server whose PATH has a postconf that says it is `version`. */
  async function serverWith(version: string): Promise<TestClient> {
    const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-auto-'));
    dirs.push(dir);
    // The compiled-in default: it answers even where main.cf is missing or unreadable.
    writeFileSync(path.join(dir, 'postconf'), `#!/bin/sh\n[ "$*" = "-d -h mail_version" ] && echo ${version}\n`);
    chmodSync(path.join(dir, 'postconf'), 0o755);
    const client = new TestClient(['--stdio'], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    client.configuration = { version: 'auto' };
    await client.initialize({ initializationOptions: { trusted: true } });
    return client;
  }

  const hoverText = async (client: TestClient): Promise<string> => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 3 } });
    return (hover.contents as MarkupContent).value;
  };

  /** The hover once the server has asked postconf (it answers after the first check). */
  async function settledHover(client: TestClient, release: string): Promise<string> {
    const until = Date.now() + 10_000;
    let text = await hoverText(client);
    while (!text.includes(`Default in Postfix ${release}:`) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      text = await hoverText(client);
    }
    return text;
  }

  /** The diagnostics published last for the document. */
  const lastCodes = (client: TestClient): unknown[] => client.published.filter((p) => p.uri === URI).pop()!.diagnostics.map((d) => d.code);

  it('checks against exactly the installed release', async () => {
    for (const [version, mismatch] of [['3.5.8', true], ['3.5.25', false]] as const) {
      const client = await serverWith(version);
      try {
        await client.open(URI, MAIN);
        assert.match(await settledHover(client, version), new RegExp(`Default in Postfix ${version.replace(/\./g, '\\.')}:`));
        // The re-check with the new release is published around the time the hover settles.
        const until = Date.now() + 5000;
        while (lastCodes(client).includes('version-mismatch') !== mismatch && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        const codes = lastCodes(client);
        assert.equal(codes.includes('version-mismatch'), mismatch, `${version}: ${JSON.stringify(codes)}`);
      } finally {
        await client.shutdown();
      }
    }
  });

  it('falls back to the nearest older release it knows, and the hover says so', async () => {
    const client = await serverWith('3.5.12');
    try {
      await client.open(URI, MAIN);
      const text = await settledHover(client, '3.5.9');
      assert.match(text, /Postfix 3\.5\.12 is not among the releases known here: the nearest older one, 3\.5\.9, is used/);
      assert.match(text, /Default in Postfix 3\.5\.9:/);
    } finally {
      await client.shutdown();
    }
  });

  it('says in the hover which release it used and why', async () => {
    const client = await serverWith('3.5.25');
    try {
      await client.open(URI, MAIN);
      const text = await settledHover(client, '3.5.25');
      assert.match(text, /- \*\*Release:\*\* Postfix 3\.5\.25, the one installed where the server runs \(`postconf -d mail_version`; `postfix\.version` is auto\)/);
    } finally {
      await client.shutdown();
    }
  });

  it('falls back to the newest release where no postconf answers, and the hover says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-auto-'));
    dirs.push(dir);
    const client = new TestClient(['--stdio'], { env: { ...process.env, PATH: dir } });
    client.configuration = { version: 'auto' };
    await client.initialize({ initializationOptions: { trusted: true } });
    try {
      await client.open(URI, MAIN);
      const until = Date.now() + 10_000;
      let text = await hoverText(client);
      while (!text.includes('no postconf answered') && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        text = await hoverText(client);
      }
      assert.match(text, /- \*\*Release:\*\* Postfix 3\.\d+\.\d+, the newest release known here: `postfix\.version` is auto, but no postconf answered where the server runs/);
    } finally {
      await client.shutdown();
    }
  });

  it('settings that change again while postconf is still answering wait for its answer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-auto-'));
    dirs.push(dir);
    // A slow postconf of a release that lacks smtpd_forbid_unauth_pipelining (version-mismatch).
    writeFileSync(path.join(dir, 'postconf'), '#!/bin/sh\nsleep 1\n[ "$*" = "-d -h mail_version" ] && echo 3.5.8\n');
    chmodSync(path.join(dir, 'postconf'), 0o755);
    const client = new TestClient(['--stdio'], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    // Settings pushed, not pulled: each change is one rebuild, with no round trip in between.
    await client.initialize({ capabilities: {}, initializationOptions: { trusted: true, settings: { version: 'latest' } } });
    try {
      await client.open(URI, MAIN);
      const next = client.nextDiagnostics(URI);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: { version: 'auto' } } });
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: { version: 'auto' } } });
      // The first check after the change already has postconf's answer, not the newest release.
      const first = await next;
      assert.deepEqual(first.diagnostics.map((d) => d.code), ['version-mismatch']);
    } finally {
      await client.shutdown();
    }
  });
});
