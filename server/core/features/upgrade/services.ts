/**
 * master.cf across an upgrade: the services the new release's own master.cf has and this
 * one lacks (what each is for, and whether anything in the configuration needs it), and
 * the columns written "-" whose meaning changes (chroot follows compatibility_level,
 * maxproc follows default_process_limit).
 */
import { MasterColumnDefaults, masterColumnDefaults, stockServices } from '../../kb/knowledgeBase';
import { programInfo } from '../../kb/programs';
import { whyNeeded } from '../../kb/serviceUse';
import type { Configuration } from '../../model/configuration';
import { builtinNames, valueInEffect } from '../../model/inEffect';
import { UpgradePair, below } from './pair';

export interface MissingService {
  name: string;
  type: string;
  command: string;
  /** What the program does, in a few words. */
  purpose?: string;
  /** Why this configuration needs it; undefined when nothing in it does. */
  neededBecause?: string;
}

export type Column = 'private' | 'unpriv' | 'chroot' | 'wakeup' | 'maxproc';

export interface ColumnMeaning {
  column: Column;
  /** What "-" means for the old release, the new one, and the new one with compatibility_level raised. */
  old: string;
  new: string;
  raised?: string;
  /** The master.cf services ("name/type") that write "-" there. */
  services: string[];
}

const COLUMNS: readonly Column[] = ['private', 'unpriv', 'chroot', 'wakeup', 'maxproc'];

/** Services of the new release's own master.cf that this master.cf lacks (none when no master.cf was read). */
export function missingServices(pair: UpgradePair): MissingService[] {
  const config = pair.to;
  if (!config.hasMaster) return [];
  const value = (name: string): string | undefined => valueInEffect(config, name)?.text;
  const texts = [...config.main.entries.map((e) => e.value.text), ...config.master.entries.flatMap((e) => e.options.map((o) => `${o.name.text}=${o.value.text}`))];
  const input = {
    value,
    mentions: (text: string) => texts.some((t) => t.includes(text)),
    runs: (program: string) => config.services.some((s) => s.program === program),
  };
  const serviceNames = new Map(builtinNames(config).filter((n) => n.endsWith('_service_name')).map((n) => [n, value(n) ?? '']));
  const out: MissingService[] = [];
  for (const stock of stockServices(config.release)) {
    if (config.servicesNamed(stock.name).some((s) => s.type === stock.type)) continue;
    const purpose = programInfo(stock.command)?.summary;
    const neededBecause = whyNeeded(stock, input, serviceNames);
    out.push({ ...stock, ...(purpose ? { purpose } : {}), ...(neededBecause ? { neededBecause } : {}) });
  }
  return out;
}

/** Each master.cf column written "-" somewhere, with its meaning under each release. */
export function columnMeanings(pair: UpgradePair): ColumnMeaning[] {
  const config = pair.to;
  const out: ColumnMeaning[] = [];
  for (const column of COLUMNS) {
    const services = config.master.entries.filter((e) => fieldOf(e.fields, column) === '-').map((e) => `${e.serviceText}/${e.typeText}`);
    if (!services.length) continue;
    const old = meaning(pair.from, pair.level.from, column);
    const next = meaning(config, pair.level.to, column);
    const raised = pair.raised && meaning(pair.raised.config, pair.raised.level, column);
    out.push({ column, old, new: next, ...(raised !== undefined && raised !== next ? { raised } : {}), services });
  }
  return out;
}

function fieldOf(fields: { private: { text: string }; unpriv: { text: string }; chroot: { text: string }; wakeup: { text: string }; maxproc: { text: string } }, column: Column): string {
  return fields[column].text;
}

/** What "-" means in `column` for a configuration's release at compatibility level `level`. */
function meaning(config: Configuration, level: string, column: Column): string {
  const defaults: MasterColumnDefaults | undefined = masterColumnDefaults(config.release);
  if (!defaults) return '?';
  if (column === 'chroot') return below(level, defaults.chroot.below) ? defaults.chroot.then : defaults.chroot.else;
  if (column === 'maxproc') return valueInEffect(config, 'default_process_limit')?.text.trim() ?? '?';
  return defaults[column];
}
