/**
 * Validation of everything that reaches a generated script: settings (hosts, configuration
 * directory, sudo) and what the language server reports about the configuration
 * (transports, receivers). Names that the script uses as words (host, transport, program)
 * must match strict patterns; free text (receiver names, the directory) must be free of the
 * characters that commonly carry an injection, and is single-quoted anyway.
 */
import type { Receiver, Rejection, Transport } from './types';

/**
 * An ssh destination: optional `user@`, then a host name, an ssh alias, an IPv4 or IPv6
 * address. Every part starts with a letter, digit or `_` (or is an address), so a value can
 * never start with `-` and be read as an ssh option.
 */
export const HOST_PATTERN_SOURCE =
  '^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}@)?(?:[A-Za-z0-9_][A-Za-z0-9_-]{0,62}(?:\\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*\\.?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]+)$';
const HOST_PATTERN = new RegExp(HOST_PATTERN_SOURCE);

/** The host value that means "the machine the extension runs on" (no ssh). */
export const LOCAL_HOST = 'local';

/** master.cf service names we accept as shell words (`relay`, `smtp-amavis`, `out.slow`). */
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const SERVICE_TYPES = new Set(['unix', 'inet', 'fifo', 'pass', 'unix-dgram']);
const MAX_FREE_TEXT = 200;

/** Why `value` is not acceptable as free text in a script (undefined when it is). */
export function unsafeTextReason(value: string): string | undefined {
  if (value.length > MAX_FREE_TEXT) return `longer than ${MAX_FREE_TEXT} characters`;
  if (value.startsWith('-')) return 'starts with "-" (would read as an option)';
  if (/[\x00-\x1f\x7f]/.test(value)) return 'contains a newline or another control character';
  if (value.includes('$(')) return 'contains "$(" (command substitution)';
  const bad = /[;`'"\\]/.exec(value);
  if (bad) return `contains ${JSON.stringify(bad[0])}`;
  return undefined;
}

/** Validates one ssh host, or `local`. Returns the host, or a rejection. */
export function checkHost(raw: unknown): { host: string } | { rejection: Rejection } {
  const value = typeof raw === 'string' ? raw.trim() : String(raw);
  if (typeof raw !== 'string' || !value) return { rejection: reject('host', value, 'is not a host name') };
  if (value === LOCAL_HOST) return { host: value };
  if (value.length > 253 || !HOST_PATTERN.test(value)) {
    return { rejection: reject('host', value, 'is not a host name, user@host, ssh alias or IP address') };
  }
  return { host: value };
}

/** Validates the configuration directory: empty means Postfix's default; else an absolute path. */
export function checkConfigDirectory(raw: unknown): { dir: string | undefined } | { rejection: Rejection } {
  if (raw === undefined || raw === null || raw === '') return { dir: undefined };
  if (typeof raw !== 'string') return { rejection: reject('configDirectory', String(raw), 'is not a string') };
  if (!raw.startsWith('/')) return { rejection: reject('configDirectory', raw, 'is not an absolute path') };
  // postconf expands `$` in config_directory like any parameter value (`$(x)` is fatal).
  const why = unsafeTextReason(raw) ?? (raw.includes('$') ? 'contains "$", which Postfix would expand' : undefined);
  return why ? { rejection: reject('configDirectory', raw, why) } : { dir: raw };
}

/** Validates the TCP ports whose sessions are counted. */
export function checkPorts(raw: readonly unknown[]): { ports: number[] } | { rejection: Rejection } {
  const ok = raw.length > 0 && raw.length <= 16 && raw.every((p) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535);
  return ok ? { ports: raw as number[] } : { rejection: reject('ports', JSON.stringify(raw), 'must be 1 to 16 port numbers') };
}

/** Keeps the transports whose name, type and program are safe words; reports the others. */
export function checkTransports(raw: unknown, skipped: Rejection[]): Transport[] {
  const out: Transport[] = [];
  for (const t of Array.isArray(raw) ? raw : []) {
    const o = (t && typeof t === 'object' ? t : {}) as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    const type = typeof o.type === 'string' ? o.type : 'unix';
    // master.cf may name the command by path; the process runs under its base name.
    const program = typeof o.program === 'string' ? o.program.replace(/^.*\//, '') : '';
    if (!NAME_PATTERN.test(name)) skipped.push(reject('transport', name, 'is not a plain service name'));
    else if (!SERVICE_TYPES.has(type)) skipped.push(reject('transport type', `${name}/${type}`, 'is not a master.cf service type'));
    else if (!NAME_PATTERN.test(program)) skipped.push(reject('transport program', `${name}: ${program}`, 'is not a plain command name'));
    else if (!out.some((x) => x.name === name)) out.push({ name, type, program });
  }
  return out;
}

/** Keeps the receivers with a usable name and cap; drops unsafe transport names from each. */
export function checkReceivers(raw: unknown, skipped: Rejection[]): Receiver[] {
  const out: Receiver[] = [];
  for (const r of Array.isArray(raw) ? raw : []) {
    const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    const cap = o.maxConnections;
    const why = name ? unsafeTextReason(name) : 'is empty';
    if (why) { skipped.push(reject('receiver', name, why)); continue; }
    if (!Number.isSafeInteger(cap) || (cap as number) < 1) { skipped.push(reject('receiver cap', `${name}: ${String(cap)}`, 'is not a whole number >= 1')); continue; }
    const transports: string[] = [];
    for (const t of Array.isArray(o.transports) ? o.transports : []) {
      if (typeof t === 'string' && NAME_PATTERN.test(t)) { if (!transports.includes(t)) transports.push(t); }
      else skipped.push(reject('receiver transport', `${name}: ${String(t)}`, 'is not a plain service name'));
    }
    out.push({ name, maxConnections: cap as number, transports });
  }
  return out;
}

/** The path of the edited file when it is absolute and safe as a quoted word; else reported and left out. */
export function checkEditedFile(raw: unknown, skipped: Rejection[]): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === 'string' ? raw : String(raw);
  const why = typeof raw !== 'string' ? 'is not a path' : !raw.startsWith('/') ? 'is not an absolute path' : unsafeTextReason(raw);
  if (why) {
    skipped.push(reject('edited file', value, why));
    return undefined;
  }
  return value;
}

/** True when `name` is a service name the scripts accept as a word. */
export function isPlainName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

function reject(input: string, value: string, reason: string): Rejection {
  return { input, value, reason };
}
