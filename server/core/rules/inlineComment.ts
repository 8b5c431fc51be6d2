/**
 * inline-comment: ` # text` after a value. Postfix treats "#" as a comment only as the
 * first non-blank character of a line, so the text stays part of the value (main.cf and
 * `-o { ... }` values), or becomes extra command arguments (after a master.cf command:
 * master(8) passes "#" and the words after it to the daemon, which then refuses them or
 * reads them as attributes, as the 3.7 smtp, cleanup and flush daemons do).
 *
 * A value that starts with "#" (`name = # text`) is one too: "=" and the blanks after it
 * are not part of the value.
 *
 * The comment runs to the end of its physical line: a continuation line after it is still
 * part of the value, which is what the writer meant. Not reported: "#" without white space
 * before it (`example.com#x` is data), "#" inside `{...}` (inline tables, braced
 * arguments), and values that are shell commands, where "#" does start a comment.
 */
import { Finding } from '../findings';
import { FileKind } from '../model/configuration';
import { LogicalLine, isSpace, pieceAt, pieceIndexAt, pieceIndexAtDoc } from '../syntax/logicalLines';
import { ValueText, valueOffsetToDoc } from '../syntax/mainCf';
import { Arg, MasterEntry, splitArgs } from '../syntax/masterCf';
import { Rule } from './types';

/** Values run by local(8) or a debugger through /bin/sh, where "#" is a shell comment. */
const SHELL_COMMANDS = new Set(['mailbox_command', 'debugger_command']);

export const inlineComment: Rule = {
  kind: 'line',
  codes: ['inline-comment'],
  line(entry) {
    if (entry.kind !== 'entry' || SHELL_COMMANDS.has(entry.name.text) || entry.value.text.indexOf('#') < 0) return undefined;
    return commentsInValue(entry.value).map(([start, end]) =>
      finding('main', start, end, `Postfix keeps this text as part of the value of "${entry.name.text}"`));
  },
  rest: {
    reads: 'master',
    check({ config }) {
      const out: Finding[] = [];
      const push = (file: FileKind, start: number, end: number, what: string): void => {
        out.push(finding(file, start, end, what));
      };
      for (const entry of config.master.entries) {
        for (const option of entry.options) {
          if (option.form !== 'long') continue;
          for (const [start, end] of commentsInValue(option.value)) {
            push('master', start, end, `Postfix keeps this text as part of the value of "${option.name.text}"`);
          }
        }
        for (const [start, end] of commentsInArgs(entry)) {
          push('master', start, end, `master(8) passes it to ${entry.commandText} as extra command arguments`);
        }
      }
      return out;
    },
  },
};

function finding(file: FileKind, start: number, end: number, what: string): Finding {
  return {
    code: 'inline-comment', file, start, end,
    message: `"#" starts a comment only at the beginning of a line: ${what}. Put the comment on its own line.`,
  };
}

/** Document ranges of ` # ...` comments in a value, outside braces, one per physical line. */
function commentsInValue(value: ValueText): [number, number][] {
  const found: [number, number][] = [];
  const t = value.text;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === '#' && depth === 0 && (i === 0 || isSpace(t[i - 1]))) {
      const start = valueOffsetToDoc(value, i);
      const index = pieceIndexAt(value.line, value.at + i);
      // The comment ends with its physical line, or with the value (a "}" may follow).
      found.push([start, Math.min(trimEnd({ line: value.line, end: pieceAt(value.line, index)!.end, floor: start }), value.end)]);
      // The rest of the physical line is the comment the writer meant: skip it, so "#"
      // and braces in it count for nothing (moving it out must not change the lines after it).
      const next = pieceAt(value.line, index + 1);
      i = (next ? next.joinedAt - value.at : t.length) - 1;
    }
  }
  return found;
}

/**
 * Document ranges of `#` arguments after a master.cf command, one per physical line. The
 * rest of that line is the comment the writer meant: the lines after it are split into
 * arguments again without it, so a "{" in the comment groups nothing.
 */
function commentsInArgs(service: MasterEntry): [number, number][] {
  const found: [number, number][] = [];
  let args = service.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.text.startsWith('#')) continue;
    found.push([arg.start, lineEnd(service.line, arg)]);
    const next = pieceAt(service.line, pieceIndexAt(service.line, arg.at) + 1);
    if (!next) break;
    args = splitArgs(service.line, next.joinedAt);
    i = -1;
  }
  return found;
}

/** End of the physical line holding `arg`, without trailing white space. */
function lineEnd(line: LogicalLine, arg: Arg): number {
  const pieceEnd = pieceAt(line, pieceIndexAt(line, arg.at))!.end;
  // Postfix reads a line only up to a NUL byte: the comment it sees ends there too.
  const end = line.nulAt !== undefined && line.nulAt >= arg.start && line.nulAt < pieceEnd ? line.nulAt : pieceEnd;
  return trimEnd({ line, end, floor: arg.start });
}

/** Moves `end` back over white space (a CR included), not before `floor`. */
function trimEnd({ line, end, floor }: { line: LogicalLine; end: number; floor: number }): number {
  let e = end;
  while (e > floor && isSpace(sourceChar(line, e - 1))) e--;
  return e;
}

/** The character at a document offset inside a logical line (from its joined text). */
function sourceChar(line: LogicalLine, offset: number): string | undefined {
  // Binary search: a value can run over 200,000 continuation lines.
  const piece = pieceAt(line, pieceIndexAtDoc(line, offset));
  return piece && piece.start <= offset && offset < piece.end ? line.text[piece.joinedAt + offset - piece.start] : undefined;
}
