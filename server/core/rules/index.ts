/** The table of rules. A new check is a new file here and one line below. */
import { Rule } from './types';
import { syntaxError } from './syntaxError';
import { leadingWhitespace } from './leadingWhitespace';
import { unknownParameter } from './unknownParameter';
import { undefinedReference } from './undefinedReference';
import { duplicateParameter } from './duplicateParameter';
import { expansionSyntax } from './expansionSyntax';
import { scopeMismatch } from './scopeMismatch';
import { qmgrParameterInService } from './qmgrParameterInService';
import { transportNotOutbound } from './transportNotOutbound';
import { inboundLimitHint } from './inboundLimitHint';
import { receiverDirective } from './receiverDirective';
import { connectionBudget } from './connectionBudget';
import { failedCohortLimit } from './failedCohortLimit';
import { rateDelayConcurrency } from './rateDelayConcurrency';
import { initialAboveLimit } from './initialAboveLimit';
import { concurrencyAboveProcessLimit } from './concurrencyAboveProcessLimit';
import { recipientLimitOne } from './recipientLimitOne';
import { negativeConcurrencyLimit } from './negativeConcurrencyLimit';
import { inlineComment } from './inlineComment';
import { invalidValue } from './invalidValue';
import { deprecatedParameter } from './deprecatedParameter';
import { versionMismatch } from './versionMismatch';
import { duplicateService } from './duplicateService';
import { optionSyntax } from './optionSyntax';
import { serviceRequirement } from './serviceRequirement';
import { notPostfixConfig } from './notPostfixConfig';
import { upgradeChangedDefault } from './upgradeChangedDefault';
import { receiverRoutingRule } from './receiverRouting';
import { transportMapTransport } from './transportMapTransport';

export const RULES: readonly Rule[] = [
  // Whole-file sanity: a binary or non-Postfix file gets one finding instead of thousands
  notPostfixConfig,
  // Postfix's own reading rules
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
  // Inbound/outbound scope and the connection budget
  scopeMismatch,
  qmgrParameterInService,
  transportNotOutbound,
  inboundLimitHint,
  receiverDirective,
  connectionBudget,
  failedCohortLimit,
  rateDelayConcurrency,
  initialAboveLimit,
  concurrencyAboveProcessLimit,
  recipientLimitOne,
  negativeConcurrencyLimit,
  // Routing: the receivers' domains, the transport maps
  receiverRoutingRule,
  transportMapTransport,
  // What an upgrade from postfix.upgradeFrom changes
  upgradeChangedDefault,
];
