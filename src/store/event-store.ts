import { RESERVATION_STALE_MS, type EventStorage } from '../core/index.ts';
import type { Db } from './database.ts';

/** The runtime's accepted event IDs (an empty run ID is a reservation whose run does not exist yet, or never came). */
export class EventStore implements EventStorage {
  constructor(private readonly db: Db) {}

  reserve(eventKey: string, bundleVersion: number, now: number): { reserved: true } | { reserved: false; runId: string } | { reserved: false; pending: true } {
    const inserted = this.db.prepare("INSERT OR IGNORE INTO runtime_events (event_id, run_id, bundle_version, reserved_at) VALUES (?, '', ?, ?)").run(eventKey, bundleVersion, now);
    if (inserted.changes === 1) return { reserved: true };
    const existing = this.db.prepare('SELECT run_id, reserved_at FROM runtime_events WHERE event_id = ?').get(eventKey) as { run_id: string; reserved_at: number };
    if (existing.run_id !== '') return { reserved: false, runId: existing.run_id };
    if (existing.reserved_at > now - RESERVATION_STALE_MS) return { reserved: false, pending: true };
    // Stale: taken over by whoever moves its time first.
    const taken = this.db.prepare("UPDATE runtime_events SET reserved_at = ?, bundle_version = ? WHERE event_id = ? AND run_id = '' AND reserved_at = ?").run(now, bundleVersion, eventKey, existing.reserved_at);
    return taken.changes === 1 ? { reserved: true } : { reserved: false, pending: true };
  }

  bind(eventKey: string, runId: string): void {
    this.db.prepare('UPDATE runtime_events SET run_id = ? WHERE event_id = ?').run(runId, eventKey);
  }

  claim(eventKey: string, bundleVersion: number): boolean {
    return this.db.prepare("INSERT OR IGNORE INTO runtime_events (event_id, run_id, bundle_version) VALUES (?, '', ?)").run(eventKey, bundleVersion).changes === 1;
  }

  latest(prefix: string): string | undefined {
    // A range over the primary key: LIKE would treat _ and % in the prefix as patterns.
    return this.db.prepare('SELECT event_id FROM runtime_events WHERE event_id >= ? AND event_id < ? ORDER BY event_id DESC LIMIT 1').pluck().get(prefix, `${prefix}\uffff`) as string | undefined;
  }

  release(eventKey: string): void {
    this.db.prepare("DELETE FROM runtime_events WHERE event_id = ? AND run_id = ''").run(eventKey);
  }
}
