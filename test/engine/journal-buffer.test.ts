import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOURNAL_FLUSH_MS, JournalBuffer } from '../../src/store/index.ts';
import { type JournalRow } from '../../src/core/index.ts';

const row = (seq: number): JournalRow => ({ seq, kind: 'step.entered', stepKey: `s${seq}`, attempt: 1, inputSha256: null, data: {}, ts: seq });

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => void vi.useRealTimers());

describe('JournalBuffer', () => {
  it('holds rows until a flush, then writes them in one call', () => {
    const writes: number[][] = [];
    const buffer = new JournalBuffer((rows) => void writes.push(rows.map((r) => r.seq)));
    buffer.add(row(1));
    buffer.add(row(2));
    expect(writes).toEqual([]);
    buffer.flush();
    buffer.flush(); // nothing held: nothing written
    expect(writes).toEqual([[1, 2]]);
  });

  it('writes held rows by itself once the oldest has waited JOURNAL_FLUSH_MS (a run awaiting a slow reply)', () => {
    const writes: number[][] = [];
    const buffer = new JournalBuffer((rows) => void writes.push(rows.map((r) => r.seq)));
    buffer.add(row(1));
    buffer.add(row(2));
    vi.advanceTimersByTime(JOURNAL_FLUSH_MS - 1);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([[1, 2]]);
    buffer.add(row(3));
    vi.advanceTimersByTime(JOURNAL_FLUSH_MS);
    expect(writes).toEqual([[1, 2], [3]]);
  });

  it('keeps the rows a failed write refused for the next try, and a quiet (timed) failure is no error', () => {
    let refuse = true;
    const writes: number[][] = [];
    const buffer = new JournalBuffer((rows) => {
      if (refuse) throw new Error('database is locked');
      writes.push(rows.map((r) => r.seq));
    });
    buffer.add(row(1));
    expect(() => buffer.flush()).toThrow('database is locked');
    vi.advanceTimersByTime(JOURNAL_FLUSH_MS); // the timer tries too, and keeps quiet
    buffer.add(row(2));
    refuse = false;
    buffer.flush();
    expect(writes).toEqual([[1, 2]]);
  });

  it('once closed drops what it holds, writes nothing later, and takes no more rows', () => {
    const writes: number[][] = [];
    const buffer = new JournalBuffer((rows) => void writes.push(rows.map((r) => r.seq)));
    buffer.add(row(1));
    buffer.close();
    vi.advanceTimersByTime(JOURNAL_FLUSH_MS * 10);
    buffer.flush();
    expect(writes).toEqual([]);
    expect(() => buffer.add(row(2))).toThrow(/after its run stopped/);
  });
});
