/**
 * What a configuration tells the log explainer: each smtp/lmtp transport's syslog tag
 * (Postfix logs as syslog_name + "/" + the program, mail_task.c), whether its sessions can
 * sit in the connection cache and for how long, the receivers declared with their caps,
 * and how finely delays are logged.
 */
import type { Configuration } from '../model/configuration';
import { expandedValue, rawValue } from '../model/effective';
import { declaredReceivers, receiverDirectives } from '../model/receivers';
import { parseInteger, parseTime } from '../model/quantities';
import { resolve, transportLimits } from '../model/transportLimits';
import type { AnalysisSettings } from '../settings';
import { DEFAULT_CACHE_IDLE } from './routes';
import type { LogConfiguration, LogTransport } from './types';

export function logConfiguration(config: Configuration, settings: AnalysisSettings): LogConfiguration {
  const transports: LogTransport[] = [];
  const scache = config.services.find((s) => s.program === 'scache')?.entry;
  const ttl = parseTime(resolve(config, 'connection_cache_ttl_limit', { service: scache }).value) ?? DEFAULT_CACHE_IDLE;
  for (const service of config.services) {
    if (service.role !== 'outbound') continue;
    const limits = transportLimits(config, service);
    const client = limits.client;
    // With TLS always on, sessions are cached only with connection reuse (tlsproxy); with
    // "may" it depends on the receiver, so they can be.
    const caching = limits.caching && (client.tlsUse !== 'always' || client.tlsReuse);
    const prefix = service.program === 'lmtp' ? 'lmtp' : 'smtp';
    const time = parseTime(resolve(config, `${prefix}_connection_cache_time_limit`, { service: service.entry }).value) ?? DEFAULT_CACHE_IDLE;
    const syslogName = expandedValue(config, 'syslog_name', service.entry).value.trim() || 'postfix';
    transports.push({ name: service.name, tag: `${syslogName}/${service.program}`, caching, cacheIdleSeconds: Math.min(time, ttl) });
  }
  const receivers = declaredReceivers(receiverDirectives(config), settings.receivers).map((r) => ({ name: r.name, maxConnections: r.maxConnections, transports: r.transports }));
  const digits = parseInteger(rawValue(config, 'delay_logging_resolution_limit')?.text ?? '');
  return { transports, receivers, ...(digits !== undefined ? { delayResolutionDigits: Math.max(0, Math.min(6, digits)) } : {}) };
}
