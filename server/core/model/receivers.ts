/**
 * Strict receivers: a provider that caps the sessions it accepts from each of our source
 * addresses. Declared in a comment of main.cf or master.cf, so the budget travels with the
 * config:
 *
 *   # @receiver orange max-connections=3 transports=orange,wanadoo other-senders=1 destinations=2
 *
 * with optional keys: starttls=no (the receiver does not offer STARTTLS, so `may` sessions
 * stay plaintext and can be cached), source=ADDR (the one source address the cap is about)
 * and fallback=yes (the receiver is its transports' fallback relay). A receiver can be
 * declared by its domains instead (domains=orange.fr,wanadoo.fr, and mx=HOST,... for the
 * next-hops that name its MX hosts): its transports and next-hops then come from the
 * routing (routing.ts, budget.ts), and transports= and destinations= are overrides. Or in the
 * `postfix.receivers` setting. A directive that cannot be read is reported
 * (receiver-directive) and, when its name, cap or transports are unusable, left out.
 */
import { ConfigPlace as Place } from '../findings';
import { suggestNames } from '../kb/suggest';
import type { ReceiverSetting } from '../settings';
import type { CommentLine } from '../syntax/logicalLines';
import type { Configuration, ConfigKind } from './configuration';
import { DerivedKey } from '../caches';

export const DIRECTIVE = '@receiver';
export const DIRECTIVE_KEYS = ['max-connections', 'transports', 'domains', 'mx', 'other-senders', 'destinations', 'starttls', 'source', 'fallback'] as const;
export type DirectiveKey = (typeof DIRECTIVE_KEYS)[number];
type CountKey = 'max-connections' | 'other-senders' | 'destinations';
type SwitchKey = 'starttls' | 'fallback';

/** A token of a directive with its document range. */
export interface DirectiveToken extends Place {
  text: string;
}

export interface DirectiveProblem extends Place {
  message: string;
  /** Set when the problem is a transport that exists but does not deliver (transport-not-outbound). */
  kind?: 'not-outbound';
}

export interface ReceiverDirective {
  file: ConfigKind;
  /** From "@receiver" to the end of the comment. */
  start: number;
  end: number;
  name?: DirectiveToken;
  /** key=value pairs: the whole pair and the value, by key. */
  keys: Map<DirectiveKey, { pair: DirectiveToken; value: DirectiveToken }>;
  /** Each transport named in transports=, with its range. */
  transports: DirectiveToken[];
  /** Each domain of domains= and host of mx=, with its range (lower case). */
  domains: DirectiveToken[];
  mx: DirectiveToken[];
  problems: DirectiveProblem[];
}

export interface Receiver {
  name: string;
  maxConnections: number;
  transports: string[];
  otherSenders: number;
  /** Next-hops of each transport whose sessions reach it; Infinity for "every one" (a fallback relay). */
  destinations: number;
  /** Whether it offers STARTTLS (default yes: the big providers do). */
  starttls: boolean;
  /** The source address its cap is about, when it names one (lower case). */
  source?: string;
  /** Whether it is the fallback relay of its transports (smtp_fallback_relay). */
  fallback: boolean;
  /** The directive that declared it; undefined for the setting. */
  directive?: ReceiverDirective;
  /** Its domains and MX hosts (lower case), when declared by them: routing then gives transports and next-hops. */
  domains?: string[];
  mx?: string[];
  /** Whether transports= and destinations= were given (overrides of what routing gives). */
  transportsGiven?: boolean;
  destinationsGiven?: boolean;
}

const isBlank = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';

/** Reads a directive from one comment line, or undefined when the comment is not one. */
export function parseDirective(file: ConfigKind, comment: CommentLine): ReceiverDirective | undefined {
  if (!comment.opensWith(DIRECTIVE)) return undefined;
  const base = comment.start + 1;
  const text = comment.text;
  // Where the directive starts: opensWith() skipped the same white space.
  const at = text.search(/\S/);
  const after = text[at + DIRECTIVE.length];
  if (after !== undefined && !isBlank(after)) return undefined;
  const tokens: DirectiveToken[] = [];
  for (let i = at + DIRECTIVE.length; i < text.length;) {
    while (i < text.length && isBlank(text[i])) i++;
    const from = i;
    while (i < text.length && !isBlank(text[i])) i++;
    if (i > from) tokens.push({ file, text: text.slice(from, i), start: base + from, end: base + i });
  }
  const directive: ReceiverDirective = { file, start: base + at, end: comment.end, keys: new Map(), transports: [], domains: [], mx: [], problems: [] };
  const problem = (place: Place, message: string): void => void directive.problems.push({ ...place, message });
  let rest = tokens;
  if (tokens.length && !tokens[0].text.includes('=')) {
    directive.name = tokens[0];
    rest = tokens.slice(1);
  } else {
    problem({ file, start: directive.start, end: directive.start + DIRECTIVE.length }, 'A receiver directive starts with the receiver\'s name: "# @receiver NAME max-connections=N transports=T1,T2".');
  }
  for (const token of rest) readPair(directive, token, problem);
  checkRequired(directive, problem);
  return directive;
}

function readPair(directive: ReceiverDirective, token: DirectiveToken, problem: (p: Place, m: string) => void): void {
  const eq = token.text.indexOf('=');
  if (eq <= 0) {
    problem(token, `"${token.text}" is not a key=value pair; the keys are ${DIRECTIVE_KEYS.join(', ')}.`);
    return;
  }
  const key = token.text.slice(0, eq);
  const value: DirectiveToken = { file: token.file, text: token.text.slice(eq + 1), start: token.start + eq + 1, end: token.end };
  if (!(DIRECTIVE_KEYS as readonly string[]).includes(key)) {
    const near = suggestNames(key.replace(/_/g, '-'), DIRECTIVE_KEYS, 1)[0];
    problem({ ...token, end: token.start + eq }, `Unknown key "${key}"${near ? `: did you mean "${near}"?` : `; the keys are ${DIRECTIVE_KEYS.join(', ')}.`}`);
    return;
  }
  const k = key as DirectiveKey;
  if (directive.keys.has(k)) problem(token, `"${k}" is given twice; the last one counts.`);
  directive.keys.set(k, { pair: token, value });
  if (k === 'transports') readTransports(directive, value, problem);
  else if (k === 'domains' || k === 'mx') readNames(directive, k, value, problem);
  else if (k === 'starttls' || k === 'fallback') checkSwitch(k, value, problem);
  else if (k === 'source') checkSource(value, problem);
  else checkCount(k, value, problem);
}

function readTransports(directive: ReceiverDirective, value: DirectiveToken, problem: (p: Place, m: string) => void): void {
  directive.transports = [];
  let offset = 0;
  for (const part of value.text.split(',')) {
    const start = value.start + offset;
    offset += part.length + 1;
    if (!part) continue;
    if (directive.transports.some((t) => t.text === part)) problem({ file: value.file, start, end: start + part.length }, `Transport "${part}" is listed twice.`);
    else directive.transports.push({ file: value.file, text: part, start, end: start + part.length });
  }
  if (!directive.transports.length) problem(value.text ? value : { ...value, start: value.start - 1, end: value.start }, 'transports= needs at least one master.cf transport, e.g. transports=orange,wanadoo.');
}

const DOMAIN = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.?$|^\[[0-9a-f.:]+\]$/;

/** Whether a directive's domains= takes `name` (lower case) as a domain: a host name or an address literal. */
export function isDirectiveDomain(name: string): boolean {
  return DOMAIN.test(name);
}

function readNames(directive: ReceiverDirective, key: 'domains' | 'mx', value: DirectiveToken, problem: (p: Place, m: string) => void): void {
  const list: DirectiveToken[] = [];
  let offset = 0;
  for (const part of value.text.split(',')) {
    const start = value.start + offset;
    offset += part.length + 1;
    if (!part) continue;
    const place = { file: value.file, start, end: start + part.length };
    const text = part.toLowerCase().replace(/\.$/, '');
    if (!DOMAIN.test(part.toLowerCase())) problem(place, `"${part}" is not a domain name${key === 'mx' ? ' or host name' : ''}.`);
    else if (list.some((t) => t.text === text)) problem(place, `"${part}" is listed twice.`);
    else list.push({ ...place, text });
  }
  directive[key] = list;
  if (!list.length && !directive.problems.some((p) => p.start >= value.start && p.end <= value.end)) {
    problem(valuePlace(value), `${key}= needs at least one ${key === 'mx' ? 'MX host name, e.g. mx=mx1.orange.fr' : 'domain, e.g. domains=orange.fr,wanadoo.fr'}.`);
  }
}

const MIN: Record<CountKey, number> = { 'max-connections': 1, 'other-senders': 0, destinations: 1 };

/** Where to report a bad value: the value, or the "=" when it is empty. */
const valuePlace = (value: DirectiveToken): Place => (value.text ? value : { ...value, start: value.start - 1, end: value.start });

function checkCount(key: CountKey, value: DirectiveToken, problem: (p: Place, m: string) => void): void {
  if (/^\d+$/.test(value.text) && Number(value.text) >= MIN[key] && Number(value.text) <= 1_000_000) return;
  problem(valuePlace(value), `${key} must be a whole number${MIN[key] ? ' of at least 1' : ' (0 or more)'}, not "${value.text}".`);
}

const switchValue = (text: string): boolean | undefined => (/^yes$/i.test(text) ? true : /^no$/i.test(text) ? false : undefined);

function checkSwitch(key: SwitchKey, value: DirectiveToken, problem: (p: Place, m: string) => void): void {
  if (switchValue(value.text) === undefined) problem(valuePlace(value), `${key} is yes or no, not "${value.text}".`);
}

function checkSource(value: DirectiveToken, problem: (p: Place, m: string) => void): void {
  if (!sourceAddress(value.text)) problem(valuePlace(value), `source must be an IPv4 or IPv6 address of this host, e.g. source=203.0.113.5, not "${value.text}".`);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An address as Postfix would bind to it, lower case; undefined when it is not one. */
export function sourceAddress(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (IPV4.test(t)) return t;
  // IPv6: hex groups and colons (one "::" at most), optionally ending in an IPv4 address.
  const m = /^([0-9a-f:]*?)(?::((?:\d+\.){3}\d+))?$/.exec(t);
  if (!m || !t.includes(':') || (m[2] && !IPV4.test(m[2]))) return undefined;
  const head = m[2] ? `${m[1]}:` : m[1];
  const groups = head.split(':');
  const empty = head.split('::').length - 1;
  if (empty > 1 || groups.some((g) => g.length > 4)) return undefined;
  const counted = groups.filter((g) => g !== '').length + (m[2] ? 2 : 0);
  return (empty ? counted < 8 : counted === 8 && !groups.includes('')) ? t : undefined;
}

function checkRequired(directive: ReceiverDirective, problem: (p: Place, m: string) => void): void {
  if (!directive.name) return;
  const place = { file: directive.file, start: directive.start, end: directive.name.end };
  if (!directive.keys.has('max-connections')) problem(place, `Receiver "${directive.name.text}" needs max-connections=N: the number of sessions it accepts from this host.`);
  if (!directive.keys.has('transports') && !directive.keys.has('domains') && !directive.keys.has('mx')) {
    problem(place, `Receiver "${directive.name.text}" needs domains=D1,D2 (its domains: routing gives the transports) or transports=T1,T2 (the master.cf transports that deliver to it).`);
  }
}

const DIRECTIVES = new DerivedKey<readonly ReceiverDirective[]>('receiver directives');

/** Every directive in both files, in file order (main.cf first); read once per configuration. */
export function receiverDirectives(config: Configuration): readonly ReceiverDirective[] {
  return config.derive(DIRECTIVES, () => {
    const out: ReceiverDirective[] = [];
    for (const [file, tree] of [['main', config.main], ['master', config.master]] as const) {
      for (const comment of tree.comments) {
        const d = parseDirective(file, comment);
        if (d) out.push(d);
      }
    }
    return out;
  });
}

/** The receiver a directive declares, when its name, cap and transports are usable. */
export function receiverOf(directive: ReceiverDirective): Receiver | undefined {
  /** A valid count, the fallback when the key is absent, undefined when it is malformed. */
  const count = (key: CountKey, fallback?: number): number | undefined => {
    const v = directive.keys.get(key)?.value.text;
    if (v === undefined) return fallback;
    return /^\d+$/.test(v) && Number(v) >= MIN[key] ? Number(v) : undefined;
  };
  const on = (key: SwitchKey, fallback: boolean): boolean => switchValue(directive.keys.get(key)?.value.text ?? '') ?? fallback;
  const maxConnections = count('max-connections');
  const routed = directive.domains.length > 0 || directive.mx.length > 0;
  if (!directive.name || maxConnections === undefined || (!directive.transports.length && !routed)) return undefined;
  const fallback = on('fallback', false);
  const source = directive.keys.get('source')?.value.text;
  return {
    name: directive.name.text, maxConnections, transports: directive.transports.map((t) => t.text),
    otherSenders: count('other-senders', 0) ?? 0, destinations: count('destinations', fallback ? Infinity : 1) ?? 1,
    starttls: on('starttls', true), fallback, ...withSource(source === undefined ? undefined : sourceAddress(source)), directive,
    ...(routed ? {
      domains: directive.domains.map((t) => t.text), mx: directive.mx.map((t) => t.text),
      transportsGiven: directive.transports.length > 0, destinationsGiven: count('destinations') !== undefined,
    } : {}),
  };
}

/** The source field only when there is one, so receivers without it compare equal to plain objects. */
const withSource = (source: string | undefined): { source?: string } => (source ? { source } : {});

/** A receiver from the `postfix.receivers` setting, with the documented defaults. */
export function receiverOfSetting(s: ReceiverSetting): Receiver | undefined {
  const whole = (n: number | undefined, min: number): n is number => n !== undefined && Number.isInteger(n) && n >= min;
  // Names as the directive reads them (lower case, no final dot, valid, once each); invalid ones are left out.
  const names = (list: readonly string[] | undefined): string[] =>
    [...new Set((list ?? []).map((n) => n.trim().toLowerCase()).filter((n) => DOMAIN.test(n)).map((n) => n.replace(/\.$/, '')))];
  const domains = names(s.domains);
  const mx = names(s.mx);
  const routed = domains.length > 0 || mx.length > 0;
  if (!s.name || !whole(s.maxConnections, 1) || (!s.transports.length && !routed)) return undefined;
  const fallback = s.fallback === true;
  return {
    name: s.name, maxConnections: s.maxConnections, transports: [...new Set(s.transports)],
    otherSenders: whole(s.otherSenders, 0) ? s.otherSenders : 0,
    destinations: whole(s.destinations, 1) ? s.destinations : fallback ? Infinity : 1,
    starttls: s.starttls !== false, fallback, ...withSource(typeof s.source === 'string' ? sourceAddress(s.source) : undefined),
    ...(routed ? { domains, mx, transportsGiven: s.transports.length > 0, destinationsGiven: whole(s.destinations, 1) } : {}),
  };
}

/**
 * The receivers in force: every usable directive (a second directive with the same name
 * is reported and ignored), then the setting's receivers whose names no directive uses.
 */
export function declaredReceivers(directives: readonly ReceiverDirective[], settings: readonly ReceiverSetting[]): Receiver[] {
  const out: Receiver[] = [];
  const names = new Set<string>();
  for (const d of directives) {
    const r = receiverOf(d);
    if (!r || names.has(r.name)) continue;
    names.add(r.name);
    out.push(r);
  }
  for (const s of settings) {
    const r = receiverOfSetting(s);
    if (r && !names.has(r.name)) {
      names.add(r.name);
      out.push(r);
    }
  }
  return out;
}
