/**
 * Document symbols (the outline): main.cf entries with a short value, master.cf services
 * as `name/type` with their command and, as children, their `-o` options.
 */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { SourceFile } from '../document';
import { MainCf } from '../syntax/mainCf';
import { MasterCf } from '../syntax/masterCf';

const MAX_DETAIL = 80;

/** One line of at most MAX_DETAIL characters; white space runs become one space. */
function shortValue(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
}

/** The outline of one file. */
export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  return file.tree.kind === 'main' ? mainSymbols(file, file.tree) : masterSymbols(file, file.tree);
}

function mainSymbols(file: SourceFile, tree: MainCf): DocumentSymbol[] {
  return tree.entries.map((entry) => ({
    name: entry.name.text,
    detail: shortValue(entry.value.text),
    kind: SymbolKind.Property,
    range: file.lines.range(entry.line.start, entry.line.end),
    selectionRange: file.lines.range(entry.name.start, entry.name.end),
  }));
}

function masterSymbols(file: SourceFile, tree: MasterCf): DocumentSymbol[] {
  return tree.entries.map((service) => {
    const { service: name, type, command } = service.fields;
    const children: DocumentSymbol[] = service.options
      .filter((o) => o.name.text !== '')
      .map((option) => ({
        name: option.name.text,
        detail: shortValue(option.value.text),
        kind: SymbolKind.Property,
        range: file.lines.range(option.flag.start, option.arg.end),
        selectionRange: file.lines.range(option.name.start, option.name.end),
      }));
    return {
      name: `${name.text}/${type.text}`,
      detail: command.text,
      kind: SymbolKind.Module,
      range: file.lines.range(service.line.start, service.line.end),
      selectionRange: file.lines.range(name.start, name.end),
      children,
    };
  });
}
