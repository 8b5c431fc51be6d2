/**
 * Shared by the outbound checks: the delivery transports of a configuration with their
 * resolved limits, and grouping of findings by the main.cf line that set a value (one
 * finding per line, even when a default_* line feeds several transports).
 */
import { RelatedPlace } from '../findings';
import type { Configuration } from '../model/configuration';
import { isDeliveryAgent } from '../model/services';
import { Sourced, TransportLimits, transportLimits } from '../model/transportLimits';

const scanned = new WeakMap<Configuration, Map<boolean, readonly TransportLimits[]>>();

/**
 * Limits of every delivery service, one per transport name (the unix entry when both
 * exist). Built once per configuration: several rules walk the same 10,000 transports.
 */
export function deliveryTransports(config: Configuration, outboundOnly = false): readonly TransportLimits[] {
  let perConfig = scanned.get(config);
  if (!perConfig) scanned.set(config, (perConfig = new Map()));
  let transports = perConfig.get(outboundOnly);
  if (!transports) perConfig.set(outboundOnly, (transports = scan(config, outboundOnly)));
  return transports;
}

function scan(config: Configuration, outboundOnly: boolean): TransportLimits[] {
  const byName = new Map<string, TransportLimits>();
  for (const service of config.services) {
    if (outboundOnly ? service.role !== 'outbound' : !isDeliveryAgent(service.role)) continue;
    const previous = byName.get(service.name);
    if (previous && previous.service.type === 'unix' && service.type !== 'unix') continue;
    byName.set(service.name, transportLimits(config, service));
  }
  return [...byName.values()];
}

/** The line that set a value (the first place of its chain), if it was set at all. */
export function deciding(s: Sourced): RelatedPlace | undefined {
  return s.firstPlace;
}

/** True when the deciding line sets the transport's own name (`orange_...`), not a default_* one. */
export function isOwnSetting(s: Sourced): boolean {
  return s.placed && s.from !== 'default';
}

/** Groups transports by the line that decided `pick(t)`; transports with no such line are left out. */
export function groupByLine(transports: readonly TransportLimits[], pick: (t: TransportLimits) => Sourced): Map<string, { place: RelatedPlace; transports: TransportLimits[] }> {
  // Grouped by the setting object first (no place built per transport), keyed by place after.
  const bySetter = new Map<object, { value: Sourced; transports: TransportLimits[] }>();
  for (const t of transports) {
    const value = pick(t);
    const setter = value.firstSetter;
    if (!setter) continue;
    const group = bySetter.get(setter);
    if (group) group.transports.push(t);
    else bySetter.set(setter, { value, transports: [t] });
  }
  const groups = new Map<string, { place: RelatedPlace; transports: TransportLimits[] }>();
  for (const { value, transports: fed } of bySetter.values()) {
    const place = deciding(value)!;
    groups.set(`${place.file}:${place.start}`, { place, transports: fed });
  }
  return groups;
}
