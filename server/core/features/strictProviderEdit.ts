/**
 * The two shapes of the strict-provider edit: a new transport appended to both files, and
 * an existing smtp/lmtp transport converted in place (its maxproc and caching on its
 * master.cf line, its controls beside its own main.cf lines). Either way, a declared
 * receiver that already covers the domains is kept as the one cap: the transport joins it
 * rather than declaring a second receiver for the same provider. Served by the
 * `postfix/strictProviderContext` and `postfix/strictProviderEdit` requests.
 */
import { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { SourceFile } from '../document';
import { appendLines, setField, setMainParameterGroups, setServiceOption, transportOwns, workspaceEdit } from '../fixes/edits';
import { outboundService } from '../model/budget';
import { optionOf } from '../model/effective';
import type { Configuration } from '../model/configuration';
import { ReceiverDirective, declaredReceivers, receiverDirectives } from '../model/receivers';
import { FeatureContext } from './context';
import { controlPairs, directiveLine, headerLines, routeLines, strictProviderPlan, strictProviderTexts } from './strictProvider';
import {
  ExistingService, StrictProviderContext, StrictProviderInput, checkNameIn, checkStrictProviderInput, coverageWarning, receiversCovering,
} from './strictProviderInput';
import { knownRoutes } from './transportRoutes';

/** What is wrong with the input in this configuration, or undefined (an existing transport is converted). */
export function checkStrictProvider(input: StrictProviderInput, config?: Configuration): string | undefined {
  const problem = checkStrictProviderInput(input);
  if (problem) return problem;
  const verdict = config && checkNameIn(input.name, existingServices(config));
  return verdict?.severity === 'error' ? verdict.message : undefined;
}

/** The services of master.cf, as the command's prompts see them. */
export function existingServices(config: Configuration): ExistingService[] {
  return config.services.map((s) => ({ name: s.name, type: s.type, program: s.program }));
}

/** What the command needs before it asks anything: the services, the receivers and the known routes. */
export function strictProviderContext(ctx: FeatureContext): StrictProviderContext {
  return {
    services: existingServices(ctx.config),
    receivers: declaredReceivers(receiverDirectives(ctx.config), ctx.settings.receivers)
      .map((r) => ({ name: r.name, maxConnections: r.maxConnections, transports: r.transports })),
    routes: knownRoutes(ctx.config),
  };
}

export interface StrictProviderResult {
  edit?: WorkspaceEdit;
  error?: string;
  /** Said after the edit: the receiver it joined, or the one that already counts a converted transport. */
  warning?: string;
}

/**
 * The edit for the pattern: a new transport appended to both files, or an existing smtp/lmtp
 * transport converted in place. When a declared receiver already covers the domains (by
 * the known routes), the new transport joins that receiver instead of declaring a second
 * cap for the same provider.
 */
export function strictProviderEdit(ctx: FeatureContext, input: StrictProviderInput): StrictProviderResult {
  const domains = Array.isArray(input.domains) ? input.domains.filter((d) => typeof d === 'string') : [];
  const clean = { name: String(input.name ?? ''), maxConnections: Number(input.maxConnections), domains };
  const problem = checkStrictProvider(clean, ctx.config);
  if (problem) return { error: problem };
  if (!ctx.files.master || !ctx.files.main) return { error: 'Open a configuration with both main.cf and master.cf in the same folder.' };
  const context = strictProviderContext(ctx);
  if (checkNameIn(clean.name, context.services)?.severity === 'info') return convertTransport(ctx, clean, context);
  return addTransport(ctx, clean, context);
}

/** The new transport's lines appended to both files, or joined to the receiver that covers its domains. */
export function addTransport(ctx: FeatureContext, input: StrictProviderInput, context: StrictProviderContext): StrictProviderResult {
  const texts = strictProviderTexts(input, ctx.config);
  const join = joining(ctx, input, context);
  let { main, master } = texts;
  if (join?.directive) {
    main = main.filter((l) => !l.startsWith('# @receiver '));
    master = master.map((l, i) => (i === 0 ? l.replace(`"@receiver ${input.name}"`, `"@receiver ${join.name}"`) : l));
  }
  const parts = [
    { file: ctx.files.master, edits: [appendLines(ctx.files.master!, ['', ...master])] },
    { file: ctx.files.main, edits: [appendLines(ctx.files.main!, ['', ...main])] },
    ...(join?.directive ? [joinEdit(ctx, join.directive, input.name)] : []),
  ];
  return { edit: workspaceEdit(parts), ...(join ? { warning: join.warning } : {}) };
}

/** An existing transport made strict: maxproc and caching on its line, its controls in main.cf. */
export function convertTransport(ctx: FeatureContext, input: StrictProviderInput, context: StrictProviderContext): StrictProviderResult {
  const { name, maxConnections: cap } = input;
  const service = outboundService(ctx.config, name)!;
  const master = ctx.files.master!;
  const plan = strictProviderPlan(input);
  const masterEdits: TextEdit[] = [];
  if (service.entry.fields.maxproc.text !== String(plan.maxproc)) masterEdits.push(setField(master, service.entry.fields.maxproc, String(plan.maxproc)));
  const onDemand = `${service.program === 'lmtp' ? 'lmtp' : 'smtp'}_connection_cache_on_demand`;
  if (optionOf(service.entry, onDemand)?.value.text !== 'no') masterEdits.push(setServiceOption(master, service.entry, { name: onDemand, value: 'no' }));
  const counted = context.receivers.find((r) => r.transports.includes(name));
  const join = counted ? undefined : joining(ctx, input, context);
  const lead = [...headerLines(name, plan.paceWords), ...(counted || join?.directive ? [] : [directiveLine(name, cap, plan.destinations)])];
  // Only the domains that do not already go through this transport need a new route.
  const unrouted = input.domains.filter((d) => context.routes[d.toLowerCase()] !== name);
  const tail = unrouted.length ? routeLines({ ...input, domains: unrouted }, ctx.config) : [];
  const mainEdits = setMainParameterGroups(ctx.files.main!, [{ pairs: controlPairs(name, plan.pace), beside: transportOwns(ctx.config, name), lead, tail }]);
  const warning = counted
    ? `"${name}" is already counted by receiver "${counted.name}" (cap ${counted.maxConnections}): its directive is left as it is; the budget lens shows the sum.`
    : join?.warning;
  return {
    edit: workspaceEdit([{ file: master, edits: masterEdits }, { file: ctx.files.main, edits: mainEdits }, ...(join?.directive ? [joinEdit(ctx, join.directive, name)] : [])]),
    ...(warning ? { warning } : {}),
  };
}

/** The receiver whose domains the input's overlap, with its directive when it has one. */
function joining(ctx: FeatureContext, input: StrictProviderInput, context: StrictProviderContext): { name: string; directive?: ReceiverDirective; warning: string } | undefined {
  const [covering] = receiversCovering(input.domains, context);
  if (!covering) return undefined;
  const name = covering.receiver.name;
  const directive = receiverDirectives(ctx.config).find((d) => d.name?.text === name && d.keys.has('transports'));
  const warning = coverageWarning(input.name, input.domains, context)!;
  return { name, directive, warning: directive ? warning : `${warning} It is declared in the postfix.receivers setting: add "${input.name}" to its transports there.` };
}

/** Adds `name` to a directive's transports= list. */
function joinEdit(ctx: FeatureContext, directive: ReceiverDirective, name: string): { file?: SourceFile; edits: TextEdit[] } {
  const file = directive.file === 'main' ? ctx.files.main : ctx.files.master;
  const value = directive.keys.get('transports')!.value;
  return { file, edits: file ? [{ range: file.lines.range(value.end, value.end), newText: `${value.text ? ',' : ''}${name}` }] : [] };
}
