/**
 * Go to definition:
 * - `$name` -> where the value it expands to is set: the same service's `-o` (in an
 *   `-o` value), else the main.cf entry in effect, else the master.cf service that
 *   defines a service-defined name;
 * - a service-defined name (`relay_destination_concurrency_limit`) -> its master.cf
 *   service entry, across files;
 * - a transport name in a `*_transport` or `content_filter` value -> its service entry;
 * - a transport named in a `# @receiver ... transports=` directive -> its service entry.
 */
import { Location } from 'vscode-languageserver-types';
import type { FileKind } from '../model/configuration';
import { outboundService } from '../model/budget';
import { optionOf } from '../model/effective';
import { receiverDirectives } from '../model/receivers';
import { MainEntry } from '../syntax/mainCf';
import { FeatureContext } from './context';
import { locate } from './locate';

/** Where the thing at `offset` is defined, in either file of the configuration. */
export function definition(ctx: FeatureContext, offset: number): Location[] {
  const named = receiverDirectives(ctx.config).flatMap((d) => (d.file === ctx.file.kind ? d.transports : []))
    .find((t) => t.start <= offset && offset <= t.end);
  if (named) return serviceNamed(ctx, named.text);
  const target = locate(ctx, offset);
  if (!target) return [];
  switch (target.kind) {
    case 'reference': {
      const { name, service } = target.ref;
      const option = service && optionOf(service, name);
      if (option) return at(ctx, 'master', option.name);
      const entry = ctx.config.mainEntry(name);
      if (entry) return at(ctx, 'main', entry.name);
      return serviceOf(ctx, name);
    }
    case 'main-name': return serviceOf(ctx, target.entry.name.text);
    case 'option-name': return serviceOf(ctx, target.option.name.text);
    case 'main-value': return transportIn(ctx, target.entry, offset);
    default: return [];
  }
}

function at(ctx: FeatureContext, file: FileKind, token: { start: number; end: number }): Location[] {
  const source = file === 'main' ? ctx.files.main : ctx.files.master;
  return source ? [{ uri: source.uri, range: source.lines.range(token.start, token.end) }] : [];
}

/** The master.cf entry that makes `name` a service-defined parameter. */
function serviceOf(ctx: FeatureContext, name: string): Location[] {
  const defined = ctx.config.names.serviceDefinedFor(name);
  return defined ? at(ctx, 'master', defined.service.fields.service) : [];
}

const TRANSPORT_VALUED = /(^|_)transport$|^content_filter$/;

/** In `default_transport = relay:[host]`, the word `relay` names a master.cf service. */
function transportIn(ctx: FeatureContext, entry: MainEntry, offset: number): Location[] {
  if (!TRANSPORT_VALUED.test(entry.name.text)) return [];
  const value = entry.value;
  const transport = /^[^\s:,$]+/.exec(value.text)?.[0];
  if (!transport || offset > value.start + transport.length) return [];
  return serviceNamed(ctx, transport);
}

/** The master.cf entry of a transport: the smtp/lmtp one qmgr hands deliveries to, else the last of that name. */
function serviceNamed(ctx: FeatureContext, transport: string): Location[] {
  const services = ctx.config.servicesNamed(transport);
  const entry = (outboundService(ctx.config, transport) ?? services[services.length - 1])?.entry;
  return entry ? at(ctx, 'master', entry.fields.service) : [];
}
