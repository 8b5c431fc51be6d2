/**
 * The settings cache: the `postfix` section from the client (pulled with
 * workspace/configuration when the client supports it, else pushed with
 * didChangeConfiguration or initializationOptions), plus the `auto` version lookup.
 */
import { execFile } from 'node:child_process';
import { Connection } from 'vscode-languageserver/node';
import { AnalysisSettings, DEFAULT_SETTINGS, readSettings } from '../core/languageService';

export class SettingsCache {
  private current: AnalysisSettings = DEFAULT_SETTINGS;
  private raw: Record<string, unknown> | undefined;
  private autoVersion: string | undefined;
  /** The one lookup of `auto`: every rebuild while it runs waits for the same answer. */
  private autoLookup: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    /** False when the client says the workspace is untrusted: then nothing is executed. */
    private readonly trustedWorkspace: boolean,
  ) {}

  get settings(): AnalysisSettings {
    return this.current;
  }

  /** Whether the client said the workspace is trusted (else nothing is run or read beyond the configuration). */
  get trusted(): boolean {
    return this.trustedWorkspace;
  }

  /** Takes a pushed `postfix` section (initializationOptions or didChangeConfiguration). */
  async push(section: unknown): Promise<void> {
    this.raw = section && typeof section === 'object' ? (section as Record<string, unknown>) : undefined;
    await this.rebuild();
  }

  /** Pulls the section from the client when it supports workspace/configuration. */
  async refresh(): Promise<void> {
    if (this.canPull) {
      try {
        const section = await this.connection.workspace.getConfiguration('postfix');
        this.raw = section && typeof section === 'object' ? section : undefined;
      } catch {
        // Keep the previous settings if the client cannot answer.
      }
    }
    await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    if (this.raw?.version === 'auto') await this.resolveAuto();
    this.current = readSettings(this.raw, this.autoVersion, this.trustedWorkspace ? 'no-answer' : 'untrusted');
  }

  /**
   * Asks the local postconf once for its version; no shell, fixed arguments. `-d` reads the
   * compiled-in value, so it answers even where main.cf is missing or unreadable.
   */
  private resolveAuto(): Promise<void> {
    if (!this.trustedWorkspace) return Promise.resolve();
    this.autoLookup ??= new Promise<string | undefined>((resolve) => {
      execFile('postconf', ['-d', '-h', 'mail_version'], { timeout: 5000, shell: false }, (error, stdout) => {
        const version = String(stdout ?? '').trim();
        resolve(!error && /^\d+\.\d+(\.\d+)?/.test(version) ? version : undefined);
      });
    }).then((version) => {
      this.autoVersion = version;
      if (!version) {
        this.connection.console.warn('postfix.version is "auto" but `postconf -d -h mail_version` gave no version; checking against the newest release.');
      }
    });
    return this.autoLookup;
  }
}
