/**
 * The value a parameter has for a program, resolved the way Postfix does: an `-o`
 * override on the service's master.cf entry wins over main.cf, which wins over the
 * default of the target release (for service-defined names, their template's default).
 */
import { MainEntry } from '../syntax/mainCf';
import { MasterOption, MasterEntry } from '../syntax/masterCf';
import { defaultText, isBuiltin, paramFacts, templateDefault as serviceTemplateDefault } from '../kb/knowledgeBase';
import type { Configuration, MainLookups } from './configuration';
import { Expansion, expand } from './expand';
import { programOf } from './services';
import { DerivedKey } from '../caches';

export interface RawValue {
  text: string;
  from: 'option' | 'main' | 'default';
  option?: MasterOption;
  entry?: MainEntry;
}

/** The last `-o name=...` on a service entry (the last one wins, as with getopt). */
export function optionOf(service: MasterEntry, name: string): MasterOption | undefined {
  let found: MasterOption | undefined;
  for (const option of service.options) if (option.name.text === name && option.form !== 'missing-equals') found = option;
  return found;
}

/**
 * The default text of `name` for the configuration's release. `templateDefault` is the
 * caller's answer for a name that is not built in (it knows the name is `<service><suffix>`
 * and which template it follows): 70,000 such names on a large master.cf need no look-up.
 */
export function defaultOf(config: Configuration, name: string, templateDefault?: string): string | undefined {
  const facts = paramFacts(name);
  if (facts && isBuiltin(name, config.release)) {
    const text = defaultText(facts, config.release);
    if (text !== undefined) return text;
  }
  if (templateDefault !== undefined) return templateDefault;
  const defined = config.names.serviceDefinedFor(name);
  return defined && serviceTemplateDefault(defined.suffix);
}

/**
 * The raw value of `name` as seen by `service` (or by main.cf readers without one);
 * `templateDefault` as in defaultOf.
 */
export function rawValue(config: Configuration, name: string, service?: MasterEntry, templateDefault?: string): RawValue | undefined {
  const option = service && optionOf(service, name);
  if (option) return { text: option.value.text, from: 'option', option };
  const entry = config.mainEntry(name);
  if (entry) return { text: entry.value.text, from: 'main', entry };
  const text = defaultOf(config, name, templateDefault);
  return text === undefined ? undefined : { text, from: 'default' };
}

/** The expanded value of `name` for `service`, with `$service_name`/`$process_name` set. */
export function expandedValue(config: Configuration, name: string, service?: MasterEntry): Expansion & { raw?: RawValue } {
  const raw = rawValue(config, name, service);
  if (!raw) return { value: '', undefinedNames: [name] };
  return { ...expandRaw(config, raw.text, service), raw };
}

const EXPANSIONS = new DerivedKey<Map<MasterEntry | undefined, Map<string, { result: Expansion; lookups: MainLookups }>>>('expansions per service');

/**
 * Expands arbitrary text in the context of `service` (or main.cf). Memoised per
 * configuration and service: thousands of transports share defaults such as
 * `$default_destination_concurrency_limit`, and expanding each again is the bulk of the
 * cost on a large master.cf.
 */
export function expandRaw(config: Configuration, text: string, service?: MasterEntry): Expansion {
  const perConfig = config.derive(EXPANSIONS, () => new Map());
  let perService = perConfig.get(service);
  if (!perService) perConfig.set(service, (perService = new Map()));
  let memo = perService.get(text);
  if (memo) config.replay(memo.lookups);
  else {
    const [result, lookups] = config.record(() => expandUncached(config, text, service));
    perService.set(text, (memo = { result, lookups }));
  }
  return memo.result;
}

/**
 * expandRaw without its memo, for a caller that keeps its results itself (a text expanded
 * once per configuration, such as one main.cf value, gains nothing from the memo but its memory).
 */
export function expandUncached(config: Configuration, text: string, service?: MasterEntry): Expansion {
  return expand(text, (ref) => {
    if (service && ref === 'service_name') return service.serviceText;
    if (service && ref === 'process_name') return programOf(service.commandText);
    return rawValue(config, ref, service)?.text;
  });
}
