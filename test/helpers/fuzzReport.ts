/** The fuzzer's report: what was tried, how long requests took, and what went wrong. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** One request's time: wall clock, and the server's CPU time (the bound is checked on it). */
export interface RequestTiming {
  method: string;
  wallMs: number;
  cpuMs?: number;
  input: string;
  bytes: number;
}

/** Written as JSON to test-results/ after every run. */
export interface FuzzReport {
  seed: number;
  inputsTried: number;
  largeInputsTried: number;
  requestsSent: number;
  requestsByMethod: Record<string, number>;
  actionsChecked: number;
  longestStock?: RequestTiming;
  longestLarge?: RequestTiming;
  durationMs: number;
  capabilities: string[];
  unknownCapabilities: string[];
  violations: string[];
}

/** A file larger than this (or with more lines) counts as "largest input" for time bounds. */
export const LARGE_BYTES = 256 * 1024;
export const LARGE_LINES = 5000;

/** Whether a text is one of the largest inputs (5 s bound) rather than stock size (1 s). */
export function isLarge(text: string): boolean {
  if (text.length > LARGE_BYTES) return true;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= LARGE_LINES; i = text.indexOf('\n', i + 1)) lines++;
  return lines > LARGE_LINES;
}

/** Writes a report as JSON (creating the folder). */
export function writeReport(file: string, report: FuzzReport): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
