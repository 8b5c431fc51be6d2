/** The table of rules. A new check is a new file here and one line below. */
import { Rule } from './types';
import { syntaxError } from './syntaxError';
import { leadingWhitespace } from './leadingWhitespace';
import { unknownParameter } from './unknownParameter';
import { undefinedReference } from './undefinedReference';
import { duplicateParameter } from './duplicateParameter';
import { expansionSyntax } from './expansionSyntax';
import { notPostfixConfig } from './notPostfixConfig';

export const RULES: readonly Rule[] = [
  syntaxError,
  leadingWhitespace,
  unknownParameter,
  undefinedReference,
  duplicateParameter,
  expansionSyntax,
  notPostfixConfig,
];
