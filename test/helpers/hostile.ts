/**
 * Hostile inputs for the core and the server: the fixed worst cases from the robustness
 * issue, a token vocabulary that hits the parsers' edges, and seeded mutations of real
 * configurations (truncate, splice, insert, delete, duplicate, re-encode line ends).
 * Everything is deterministic for a given seed, so any failure can be replayed.
 */
import { CorpusConfig } from './corpus';

/** Pieces of text the parsers treat specially, plus bytes editors and files really contain. */
export const TOKENS: readonly string[] = [
  '$', '$$', '${', '$(', '{', '}', '(', ')', '?', ':', '=', '==', '!=', '<', '<=', '>=level', ' ', '  ', '\t',
  '\n', '\r', '\r\n', '\n ', '\n\t', '#', ' # ', '-o', ' -o ', '-o{', ' { ', ' } ', '\0', '\ufeff', '\u00e9', '\ud83d\ude00',
  '\ud800', '\udc00', '\u2028', '\v', '\f', '\x7f', '\ufffd', ',', '/', 'myhostname', 'mydomain', 'relayhost',
  'smtp', 'inet', 'unix', 'n', '-', 'y', '100', '?', 'smtpd', 'pipe', 'argv=/bin/sh', 'x', 'name_1', 'level',
];

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** The fixed worst cases the issue names, each as a main.cf/master.cf pair. */
export function worstCases(): { name: string; main: string; master: string }[] {
  const deep = (n: number): string => '${x?'.repeat(n) + 'v' + '}'.repeat(n);
  return [
    { name: '1 MB line', main: `myhostname = ${'a'.repeat(1 << 20)}\n`, master: '' },
    { name: '1 MB line of $', main: `mydomain = ${'$'.repeat((1 << 20) + 1)}\n`, master: '' },
    { name: '1 MB line of ${', main: `mydomain = ${'${'.repeat(1 << 19)}\n`, master: '' },
    { name: '1 MB line of {', main: '', master: `smtp inet n - y - - smtpd ${'{'.repeat(1 << 20)}\n` },
    { name: '200,000 lines', main: Array.from({ length: 200_000 }, (_, i) => `p${i} = $p${i + 1} x`).join('\n'), master: '' },
    { name: '200,000 continuation lines', main: `mynetworks = 127.0.0.0/8\n${' 10.0.0.1\n'.repeat(200_000)}`, master: '' },
    { name: '50-deep ${...} nesting', main: `x = 1\nmydomain = ${deep(50)}\n`, master: '' },
    { name: '5,000-deep ${...} nesting', main: `x = 1\nmydomain = ${deep(5000)}\n`, master: '' },
    {
      name: '5,000 -o options', main: '',
      master: `smtp inet n - y - - smtpd\n${Array.from({ length: 5000 }, (_, i) => `  -o p${i}=$p${i + 1}`).join('\n')}\n`,
    },
    { name: '5,000 -o on one line', main: '', master: `smtp inet n - y - - smtpd ${'-o a=$b '.repeat(5000)}\n` },
    { name: 'self reference', main: 'a = $b\nb = $a\nsmtpd_banner = $a\nc = $c\n', master: 'x unix - - n - - smtp -o d=$d\n' },
    {
      name: 'doubling chain', master: '',
      main: `a0 = x\n${Array.from({ length: 40 }, (_, i) => `a${i + 1} = $a${i} $a${i}`).join('\n')}\nsmtpd_banner = $a40\n`,
    },
    { name: 'NUL bytes', main: 'myhostname = a\0b\n\0\0\0\nmydomain\0 = x\n', master: 'smtp\0 inet n - y - - smtpd\n' },
    { name: 'lone CR', main: 'myhostname = a\rmydomain = b\r\r  c\r', master: 'smtp inet n - y - - smtpd\r  -o a=b\r' },
    { name: 'CRLF mix', main: 'myhostname = a\r\n  b\n\r\nmydomain = c\r\r\n', master: 'smtp inet n - y - - smtpd\r\n  -o a=b\n' },
    { name: 'BOM', main: '\ufeffmyhostname = a\n', master: '\ufeffsmtp inet n - y - - smtpd\n' },
    { name: 'astral and lone surrogates', main: 'my\ud83d\ude00 = \ud83d\ude00$\ud83d\ude00\n\ud800x = \udc00\n', master: '\ud83d\ude00 inet n - y - - smtpd -o \ud83d\ude00=\ud800\n' },
  ];
}

/** One random mutation of `text`, drawing material from `donor` and the token list. */
export function mutate(text: string, donor: string, rnd: Random): string {
  const at = rnd.int(text.length + 1);
  switch (rnd.int(9)) {
    case 0: return text.slice(0, at); // truncate
    case 1: return text.slice(0, at) + donor.slice(rnd.int(donor.length + 1)); // splice
    case 2: return text.slice(0, at) + tokenSoup(rnd, 1 + rnd.int(8)) + text.slice(at); // insert tokens
    case 3: return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd.int(200))); // delete
    case 4: { // duplicate a range
      const end = Math.min(text.length, at + rnd.int(400));
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    }
    case 5: return text.replace(/\n/g, () => rnd.pick(['\n', '\r\n', '\r', '\n\n', '\n '])); // line ends
    case 6: return text.slice(0, at) + randomChars(rnd, 1 + rnd.int(16)) + text.slice(at); // random UTF-16
    case 7: return text.slice(0, at) + rnd.pick(['\0', '\ufeff', '\r', ' ', '\t', '#', '$', '{', '}', '=']) + text.slice(at + 1); // flip
    default: return text.slice(0, at) + donor.slice(rnd.int(donor.length + 1), rnd.int(donor.length + 1)) + text.slice(at);
  }
}

/** A mutated main.cf/master.cf pair from the corpus: 1 to 4 mutations each. */
export function mutatedPair(corpus: readonly CorpusConfig[], rnd: Random): { source: string; main: string; master: string } {
  const base = rnd.pick(corpus);
  const donor = rnd.pick(corpus);
  let main = base.main;
  let master = base.master;
  for (let i = 1 + rnd.int(4); i > 0; i--) main = mutate(main, rnd.next() < 0.5 ? donor.main : donor.master, rnd);
  for (let i = rnd.int(4); i > 0; i--) master = mutate(master, rnd.next() < 0.5 ? donor.master : donor.main, rnd);
  return { source: `${base.name}+${donor.name}`, main, master };
}

export function tokenSoup(rnd: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += rnd.pick(TOKENS);
  return out;
}

/** Random UTF-16 code units, lone surrogates included (what a broken decoder may give). */
export function randomChars(rnd: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(rnd.next() < 0.5 ? rnd.int(128) : rnd.int(0x10000));
  return out;
}
