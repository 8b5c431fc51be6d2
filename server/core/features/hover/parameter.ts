/**
 * Hover on a parameter name: a main.cf entry's name or the name of an `-o name=value`.
 * It shows facts (type, default for the target release, since, readers), the value in
 * effect at that place (for an `-o`, as that service sees it), the scope, and a link to
 * postconf(5). No documentation text is copied: the link is where the prose lives.
 */
import { Hover } from 'vscode-languageserver-types';
import {
  ParamFacts, builtinReleases, checksFor, defaultText, deprecation, isBuiltin, isReferencedByDefault, paramFacts, templateDefault,
} from '../../kb/knowledgeBase';
import { deprecationAdvice } from '../../model/deprecations';
import { INBOUND_LIMITS, masterOnlyReader, readersOf, scopeOf, scopeSentence } from '../../model/scope';
import { receiverBudgets } from '../../model/budget';
import { optionOf } from '../../model/effective';
import { programOf } from '../../model/services';
import { MasterEntry } from '../../syntax/masterCf';
import { Token } from '../../syntax/mainCf';
import { FeatureContext } from '../context';
import { upgradeHoverLines } from '../upgrade/hover';
import { locate } from '../locate';
import { bold, code, inEffectLine, lineOf, markdownHover, postconfLink, templateOf, typeWords } from './describe';

/** Hover on a main.cf entry's name or an `-o` option's name. */
export function parameterHover(ctx: FeatureContext, offset: number): Hover | null {
  const target = locate(ctx, offset);
  if (target?.kind === 'main-name') return hoverFor(ctx, target.entry.name);
  if (target?.kind === 'option-name') return hoverFor(ctx, target.option.name, target.service);
  return null;
}

function hoverFor(ctx: FeatureContext, name: Token, service?: MasterEntry): Hover {
  const lines = describeParameter(ctx, name.text, service);
  // Before the closing postconf(5) link: the value under both releases of an upgrade review.
  lines.splice(Math.max(1, lines.length - 1), 0, ...upgradeHoverLines(ctx, name.text, !!service));
  return markdownHover(ctx, lines, name.start, name.end);
}

/** The hover's paragraphs for `name`, as seen from main.cf or from `service`'s `-o`. */
export function describeParameter(ctx: FeatureContext, name: string, service?: MasterEntry): string[] {
  const { config } = ctx;
  const release = config.release.name;
  const defined = config.names.serviceDefinedFor(name);
  const facts = paramFacts(name);
  const builtin = !!facts && isBuiltin(name, config.release);
  if (defined) return serviceDefinedLines(ctx, name, defined.service, defined.suffix, service);
  if (!builtin) return otherLines(ctx, name, facts, service);

  const defaultValue = defaultText(facts, config.release);
  const lines = [`**${name}** — Postfix parameter${facts.readOnly ? ' (read-only: Postfix sets it)' : ''}`];
  if (config.release.fallback) lines.push(`*${config.release.fallback}.*`);
  const details: string[] = [];
  const type = typeWords(checksFor(facts, config.release), defaultValue);
  if (type) details.push(`**Type:** ${type}`);
  details.push(`**Default in Postfix ${release}:** ${defaultWords(name, defaultValue)}`);
  details.push(releaseLine(ctx));
  const unseen = service && optionUnseen(name, service);
  details.push(unseen ? qmgrInEffect(ctx, name) : inEffectLine(ctx, name, service));
  if (!service) details.push(...overriddenBy(ctx, name));
  details.push(`**Since:** ${facts.since ? `Postfix ${facts.since}` : 'an early release (postconf(5) names none)'}`);
  details.push(`**Read by:** ${masterOnlyReader(name) ?? readerWords(readersOf(name))}`);
  lines.push(details.map((d) => `- ${d}`).join('\n'));
  const retired = deprecation(name, config.release);
  if (retired) lines.push(`Postfix ${release} warns that this parameter is going away: ${deprecationAdvice(retired)}.`);
  if (unseen) lines.push(unseenNote(service));
  const scope = scopeSentence(scopeOf(name));
  if (scope) lines.push(scope);
  const outbound = outboundBoundsNote(ctx, name);
  if (outbound) lines.push(outbound);
  lines.push(postconfLink(name));
  return lines;
}

/** For an inbound setting in a configuration with a strict receiver: what does bound the sessions it sees. */
function outboundBoundsNote(ctx: FeatureContext, name: string): string | undefined {
  if (!INBOUND_LIMITS.has(name)) return undefined;
  const receivers = [...new Set(receiverBudgets(ctx.config, ctx.settings.receivers).map((b) => `"${b.receiver.name}"`))];
  if (!receivers.length) return undefined;
  return `Outbound sessions to ${receivers.join(', ')} are bounded by each of its transports' maxproc, \`T_destination_concurrency_limit\`, \`T_destination_rate_delay\`, \`T_transport_rate_delay\` (one delivery at a time over the whole transport, the simplest control) and connection caching, where T is the transport's name: hover a transport in master.cf for its numbers.`;
}

/** `<service>_<suffix>`: a per-transport copy of a queue manager (or pipe/spawn) setting. */
function serviceDefinedLines(ctx: FeatureContext, name: string, owner: MasterEntry, suffix: string, service?: MasterEntry): string[] {
  const template = templateOf(suffix);
  const templateName = `transport${suffix}`;
  const defaultValue = templateDefault(suffix);
  const ownerName = owner.serviceText;
  const line = lineOf(ctx, 'master', owner.fields.service.start);
  const lines = [
    `${bold(name)} — the \`${templateName}\` setting of the ${code(ownerName)} transport (master.cf line ${line}, command ${code(owner.commandText)})`,
  ];
  const unseen = service && optionUnseen(name, service, suffix);
  const details = [
    `**Default in Postfix ${ctx.config.release.name}:** ${defaultWords(name, defaultValue)}`,
    releaseLine(ctx),
    unseen ? qmgrInEffect(ctx, name) : inEffectLine(ctx, name, service),
  ];
  if (template?.since) details.push(`**Since:** Postfix ${template.since}`);
  details.push(`**Read by:** ${readerWords(readersOf(name, suffix))}`);
  lines.push(details.map((d) => `- ${d}`).join('\n'));
  if (unseen) lines.push(unseenNote(service));
  const scope = scopeSentence(scopeOf(name, suffix));
  if (scope) lines.push(scope);
  lines.push(postconfLink(templateName));
  return lines;
}

/** Names the target release does not build in: other releases' names, user-defined, unknown. */
function otherLines(ctx: FeatureContext, name: string, facts: ParamFacts | undefined, service?: MasterEntry): string[] {
  const release = ctx.config.release.name;
  const known = service ? ctx.config.names.isKnownInService(name, service) : ctx.config.names.isKnownInMain(name);
  const lines = [bold(name)];
  const elsewhere = facts && builtinReleases(facts);
  if (elsewhere) lines.push(`Not a parameter of Postfix ${release} (the target release); Postfix ${elsewhere} has it.`);
  const retired = deprecation(name, ctx.config.release);
  if (known) {
    lines.push(isReferencedByDefault(name, ctx.config.release)
      ? `Not built into Postfix ${release}, but the default of another parameter refers to it, so Postfix still reads it.`
      : 'Not built into Postfix: a user-defined name, kept because a `$reference`, `smtpd_restriction_classes` or a lookup table client refers to it.');
    if (retired) lines.push(`Postfix ${release} warns that this parameter is going away: ${deprecationAdvice(retired)}.`);
    lines.push(inEffectLine(ctx, name, service));
  } else if (retired) {
    lines.push(`Postfix ${release} says support for this parameter has been removed, and ignores it: ${deprecationAdvice(retired)}.`);
  } else if (!elsewhere) {
    lines.push(`Not a Postfix parameter in Postfix ${release}: postconf reports it as unused and Postfix ignores it.`);
  }
  if (facts?.documented) lines.push(postconfLink(name));
  return lines;
}

/**
 * True when an `-o` of `name` on `service` never reaches the program that reads it: the
 * queue manager reads its settings from main.cf (an `-o` on the qmgr entry itself counts).
 */
function optionUnseen(name: string, service: MasterEntry, suffix?: string): boolean {
  if (['qmgr', 'oqmgr', 'nqmgr'].includes(programOf(service.commandText))) return false;
  return scopeOf(name, suffix) === 'qmgr';
}

function qmgrInEffect(ctx: FeatureContext, name: string): string {
  return inEffectLine(ctx, name).replace('**In effect:**', '**In effect (for the queue manager):**');
}

function unseenNote(service: MasterEntry): string {
  return `The queue manager reads this from main.cf: an \`-o\` on ${code(service.serviceText)} does not reach it.`;
}

/** master.cf services that set `name` with their own `-o`, which wins over main.cf for them. */
function overriddenBy(ctx: FeatureContext, name: string): string[] {
  const services = ctx.config.master.entries.filter((s) => optionOf(s, name));
  if (!services.length) return [];
  const list = services.map((s) => `${code(`${s.serviceText}/${s.typeText}`)} (master.cf line ${lineOf(ctx, 'master', s.fields.service.start)})`);
  return [`**Overridden with \`-o\` for:** ${list.join(', ')}`];
}

/** Which release the facts are for, and why that one (the setting, the installed Postfix, the newest). */
function releaseLine(ctx: FeatureContext): string {
  const { version, versionNote } = ctx.settings;
  const why = versionNote ?? (version ? `as asked (${version})` : 'the newest release known here');
  return `**Release:** Postfix ${ctx.config.release.name}, ${why}`;
}

function defaultWords(name: string, text: string | undefined): string {
  const facts = paramFacts(name);
  if (facts?.computed) return `computed by Postfix where it runs (\`postconf -d ${name}\` there)`;
  if (text === undefined) return 'none recorded';
  if (facts?.setAtBuild) return `${code(text)} as Postfix builds from source; a distribution may build it with another (\`postconf -d ${name}\` there)`;
  return code(text);
}


function readerWords(readers: string[]): string {
  if (!readers.length) return 'not recorded';
  return readers.map((r) => (r === 'global' ? 'every Postfix program (global)' : r)).join(', ');
}
