/** The table of rules. A new check is a new file here and one line below. */
import { Rule } from './types';
import { syntaxError } from './syntaxError';
import { leadingWhitespace } from './leadingWhitespace';
import { unknownParameter } from './unknownParameter';
import { undefinedReference } from './undefinedReference';
import { duplicateParameter } from './duplicateParameter';
import { expansionSyntax } from './expansionSyntax';
import { inlineComment } from './inlineComment';
import { invalidValue } from './invalidValue';
import { deprecatedParameter } from './deprecatedParameter';
import { versionMismatch } from './versionMismatch';
import { duplicateService } from './duplicateService';
import { optionSyntax } from './optionSyntax';
import { serviceRequirement } from './serviceRequirement';

export const RULES: readonly Rule[] = [
  syntaxError,
  leadingWhitespace,
  unknownParameter,
  undefinedReference,
  duplicateParameter,
  expansionSyntax,
  inlineComment,
  invalidValue,
  deprecatedParameter,
  versionMismatch,
  duplicateService,
  optionSyntax,
  serviceRequirement,
];
