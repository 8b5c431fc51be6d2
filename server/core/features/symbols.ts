/** Document symbols (the outline) for main.cf and master.cf. */
import { DocumentSymbol } from 'vscode-languageserver-types';
import { SourceFile } from '../document';

export function documentSymbols(_file: SourceFile): DocumentSymbol[] {
  return [];
}
