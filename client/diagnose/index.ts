/**
 * Diagnose from the palette, without VS Code: validated inputs in, shell script text out.
 * client/commands/diagnose.ts wires these into commands and terminals.
 */
export { buildDiagnoseScript, buildWatchScript } from './diagnoseScript';
export { buildCacheTestPlan, buildRestorePlan, cacheTestParameters, SAVED_FILE } from './cacheTest';
export type { ChangePlan } from './cacheTest';
export { confirmAndRun, confirmationDetail } from './flow';
export { DEFAULT_PORTS, validateRequest } from './inputs';
export type { RawDiagnoseRequest, Validated } from './inputs';
export { launchCommand, targetLabel, terminalName } from './launch';
export { shQuote } from './quote';
export type { DiagnoseInputs, Receiver, Rejection, Target, Transport } from './types';
export { HOST_PATTERN_SOURCE, LOCAL_HOST } from './validate';
