import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaseReport } from './case-report.ts';

/**
 * Where an eval puts each case's full report as it is scored. The eval itself keeps summaries;
 * the report writers take the full reports back one at a time, by key.
 */
export interface CaseLog {
  add(c: CaseReport): void;
  /** Adds a case as `text()` gives it back (an eval worker's case, serialised in the worker). */
  addText(key: string, text: string): void;
  /** `JSON.stringify(report, null, 2)` of the case: report files copy it as it is. */
  text(key: string): string;
  get(key: string): CaseReport;
}

/** Full case reports held in memory: tests, and commands whose cases are few (canary, release). */
export class MemoryCaseLog implements CaseLog {
  readonly #cases = new Map<string, CaseReport>();

  add(c: CaseReport): void {
    this.#cases.set(c.key, c);
  }

  addText(key: string, text: string): void {
    this.#cases.set(key, JSON.parse(text) as CaseReport);
  }

  text(key: string): string {
    return JSON.stringify(this.get(key), null, 2);
  }

  get(key: string): CaseReport {
    const c = this.#cases.get(key);
    if (!c) throw new Error(`no case ${key} in this eval`);
    return c;
  }
}

/**
 * Full case reports in a private temporary file (owner-only), written as each case is scored:
 * memory stays flat however many cases run. `close()` removes the file.
 */
export class FileCaseLog implements CaseLog {
  readonly #dir = mkdtempSync(path.join(tmpdir(), 'tollgate-cases-'));
  readonly #fd = openSync(path.join(this.#dir, 'cases.json'), 'w+', 0o600);
  readonly #at = new Map<string, { offset: number; length: number }>();
  #end = 0;

  add(c: CaseReport): void {
    this.addText(c.key, JSON.stringify(c, null, 2));
  }

  addText(key: string, text: string): void {
    const bytes = Buffer.from(text);
    writeSync(this.#fd, bytes, 0, bytes.length, this.#end);
    this.#at.set(key, { offset: this.#end, length: bytes.length });
    this.#end += bytes.length;
  }

  text(key: string): string {
    const at = this.#at.get(key);
    if (!at) throw new Error(`no case ${key} in this eval`);
    const bytes = Buffer.allocUnsafe(at.length);
    for (let read = 0; read < at.length; ) read += readSync(this.#fd, bytes, read, at.length - read, at.offset + read);
    return bytes.toString('utf8');
  }

  get(key: string): CaseReport {
    return JSON.parse(this.text(key)) as CaseReport;
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
