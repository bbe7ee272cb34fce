import type { EventStorage } from '../core/index.ts';
import type { Db } from './database.ts';

/** The runtime's accepted event IDs (an empty run ID is a reservation whose run does not exist yet). */
export class EventStore implements EventStorage {
  constructor(private readonly db: Db) {}

  reserve(eventKey: string, bundleVersion: number): { reserved: true } | { reserved: false; runId: string } {
    const inserted = this.db.prepare("INSERT OR IGNORE INTO runtime_events (event_id, run_id, bundle_version) VALUES (?, '', ?)").run(eventKey, bundleVersion);
    if (inserted.changes === 1) return { reserved: true };
    const existing = this.db.prepare('SELECT run_id FROM runtime_events WHERE event_id = ?').get(eventKey) as { run_id: string };
    return existing.run_id === '' ? { reserved: true } : { reserved: false, runId: existing.run_id };
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
