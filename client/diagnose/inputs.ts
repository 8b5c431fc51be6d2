/**
 * From raw values (settings, the `postfix/summary` answer) to validated DiagnoseInputs.
 * A bad host, directory or port list stops the run; a bad transport or receiver from the
 * configuration, or an unusable path of the edited file, is left out and reported, so one
 * hostile line cannot block the checks.
 */
import type { DiagnoseInputs, Rejection } from './types';
import { checkConfigDirectory, checkEditedFile, checkHost, checkPorts, checkReceivers, checkTransports, LOCAL_HOST } from './validate';

/** Raw inputs, as read from settings and from the language server; nothing is trusted yet. */
export interface RawDiagnoseRequest {
  /** An entry of `postfix.diagnose.hosts`; undefined or `local` = this machine. */
  host?: unknown;
  configDirectory?: unknown;
  sudo?: unknown;
  /** `summary.transports` from the language server. */
  transports?: unknown;
  /** `summary.receivers` from the language server. */
  receivers?: unknown;
  ports?: readonly unknown[];
  /** The path of the file the summary came from. */
  editedFile?: unknown;
}

/** SMTP (25), submissions (465) and submission (587). */
export const DEFAULT_PORTS: readonly number[] = [25, 465, 587];

export type Validated =
  | { ok: true; inputs: DiagnoseInputs; skipped: Rejection[] }
  | { ok: false; errors: Rejection[] };

/** Validates a raw request; see the module comment for what stops a run and what is skipped. */
export function validateRequest(raw: RawDiagnoseRequest): Validated {
  const errors: Rejection[] = [];
  const skipped: Rejection[] = [];
  const host = raw.host === undefined ? { host: LOCAL_HOST } : checkHost(raw.host);
  const dir = checkConfigDirectory(raw.configDirectory);
  const ports = checkPorts(raw.ports ?? DEFAULT_PORTS);
  if ('rejection' in host) errors.push(host.rejection);
  if ('rejection' in dir) errors.push(dir.rejection);
  if ('rejection' in ports) errors.push(ports.rejection);
  if (raw.sudo !== undefined && typeof raw.sudo !== 'boolean') errors.push({ input: 'sudo', value: String(raw.sudo), reason: 'is not true or false' });
  if ('rejection' in host || 'rejection' in dir || 'rejection' in ports || errors.length) return { ok: false, errors };
  const inputs: DiagnoseInputs = {
    target: host.host === LOCAL_HOST ? { kind: 'local' } : { kind: 'ssh', host: host.host },
    configDirectory: dir.dir,
    sudo: raw.sudo === true,
    transports: checkTransports(raw.transports, skipped),
    receivers: checkReceivers(raw.receivers, skipped),
    ports: ports.ports,
  };
  const edited = checkEditedFile(raw.editedFile, skipped);
  if (edited) inputs.editedFile = edited;
  return { ok: true, inputs, skipped };
}
