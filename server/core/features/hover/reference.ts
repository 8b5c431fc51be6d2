/**
 * Hover on a `$name` / `${name...}` / `$(name)` reference: the value it expands to at
 * that place (in an `-o` value, as the service sees it: its own `-o` first, then
 * main.cf, then the default) and where that value is set.
 */
import { Hover } from 'vscode-languageserver-types';
import { isBuiltin, paramFacts } from '../../kb/knowledgeBase';
import { programOf } from '../../model/services';
import { FeatureContext } from '../context';
import { upgradeHoverLines } from '../upgrade/hover';
import { referenceAt } from '../locate';
import { code, inEffectLine, markdownHover, postconfLink } from './describe';

/** Names master(8) gives each daemon from its master.cf entry. */
const SET_BY_MASTER = new Set(['service_name', 'process_name']);

/** Hover on a `$name` reference in a main.cf value or an `-o` value. */
export function referenceHover(ctx: FeatureContext, offset: number): Hover | null {
  const ref = referenceAt(ctx, offset);
  if (!ref) return null;
  const { name, service } = ref;
  const lines = [`**$${name}**${kindWords(ctx, name)}`];
  if (SET_BY_MASTER.has(name)) {
    if (service) {
      const value = name === 'service_name' ? service.serviceText : programOf(service.commandText);
      lines.push(`**Value here:** ${code(value)}, set by master(8) from this master.cf entry`);
    } else {
      lines.push('**Value:** set at run time to the service or program that reads the value');
    }
  } else {
    lines.push(inEffectLine(ctx, name, service).replace('**In effect:**', service ? '**Value for this service:**' : '**Value:**'));
  }
  lines.push(...upgradeHoverLines(ctx, name));
  if (paramFacts(name)?.documented) lines.push(postconfLink(name));
  else if (ctx.config.names.serviceDefinedFor(name)) lines.push(postconfLink(`transport${ctx.config.names.serviceDefinedFor(name)!.suffix}`));
  return markdownHover(ctx, lines, ref.start, ref.end);
}

function kindWords(ctx: FeatureContext, name: string): string {
  if (isBuiltin(name, ctx.config.release)) return ' — Postfix parameter';
  const defined = ctx.config.names.serviceDefinedFor(name);
  if (defined) return ` — setting of the ${code(defined.service.serviceText)} transport`;
  return ctx.config.names.isDefinedForMain(name) ? ' — user-defined parameter' : '';
}
