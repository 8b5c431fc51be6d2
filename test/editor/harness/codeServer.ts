/**
 * Starts code-server (VS Code 1.100's server and web workbench) for the editor tests, on a
 * free port with its own throw-away user data, extensions and XDG folders, and stops its
 * whole process group (extension hosts, file watchers, our language server) afterwards.
 * Nothing is downloaded: code-server comes from test/editor/install-code-server.sh.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Where install-code-server.sh puts code-server unless CODE_SERVER_DIR says otherwise. */
export function codeServerDir(): string {
  const dir = process.env.CODE_SERVER_DIR
    ?? path.join(process.env.CODE_SERVER_CACHE ?? path.join(os.homedir(), '.cache', 'postfix-lsp'), `code-server-${CODE_SERVER_VERSION}`);
  if (!existsSync(path.join(dir, 'out', 'node', 'entry.js'))) {
    throw new Error(`code-server is not installed in ${dir}; run test/editor/install-code-server.sh`);
  }
  return dir;
}

/** User settings that keep the workbench quiet and offline. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  // VS Code in a browser saves edited files after a second by default: the tests edit
  // fixtures and revert them, which must never reach the files on disk.
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** The code-server install (holds out/node/entry.js). */
  dir: string;
  /** Extensions folder; a fresh empty one when not given. */
  extensionsDir?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export interface RunningCodeServer {
  base: string;
  port: number;
  /** The workbench URL for a folder, with optional test payload (extension dev/tests paths). */
  url(folder: string, payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  /** code-server's own log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'postfix-cs-'));
  const userData = path.join(tmp, 'user-data');
  const xdg = path.join(tmp, 'xdg');
  const extensionsDir = options.extensionsDir ?? path.join(tmp, 'extensions');
  for (const d of [path.join(userData, 'User'), xdg, extensionsDir]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 1));

  const port = await freePort();
  const logFile = path.join(tmp, 'code-server.log');
  const args = [
    path.join(options.dir, 'out', 'node', 'entry.js'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
  ];
  // VS Code 1.10x honours ?payload= (extension development and test paths) only with the
  // smoke-test driver enabled; code-server passes that flag through --vscode-option.
  if (readFileSync(path.join(options.dir, 'out', 'node', 'cli.js'), 'utf8').includes('"vscode-option"')) {
    args.push('--vscode-option', 'enable-smoke-test-driver');
  }
  const child = spawn(process.execPath, args, {
    // Its own process group, so stop() reaches extension hosts and language servers too;
    // TMPDIR keeps its IPC sockets inside tmp, which stop() removes.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg, TMPDIR: tmp },
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const server: RunningCodeServer = {
    base,
    port,
    url(folder, payload) {
      const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
      const entries = Object.entries(payload ?? {}).map(([k, v]) => [k, remote(v)]);
      const query = `folder=${encodeURIComponent(folder)}${entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : ''}`;
      return `${base}/?${query}`;
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    stop: () => stopGroup(child, tmp),
  };
  try {
    await waitForHealth(base, child, 30_000);
  } catch (e) {
    const text = server.log();
    await server.stop();
    throw new Error(`${(e as Error).message}\n${text}`);
  }
  return server;
}

/** Installs a .vsix into an extensions folder with code-server's own CLI, as a user would. */
export function installVsix({ dir, vsix, extensionsDir }: { dir: string; vsix: string; extensionsDir: string }): string {
  const r = spawnSync(process.execPath, [path.join(dir, 'out', 'node', 'entry.js'), '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(extensionsDir, '.xdg'), XDG_DATA_HOME: path.join(extensionsDir, '.xdg') },
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls /healthz: the server gives no other signal that it listens. */
async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      http.get(`${base}/healthz`, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer on ${base} within ${timeoutMs} ms`);
}

async function stopGroup(child: ChildProcess, tmp: string): Promise<void> {
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(resolve, 3000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
  });
  signal('SIGKILL'); // whatever ignored SIGTERM (an extension host, a watcher)
  if (process.env.KEEP_TMP) process.stderr.write(`kept ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
}
