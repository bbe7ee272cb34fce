// Test-only preload for the crash suite (node --require): TOLLGATE_TEST_CRASH_AT=before:7 (or
// after:7) kills this process with SIGKILL just before journal row 7 of a run is inserted (or just
// after the transaction that inserted it commits) — a real, uncatchable crash at an exact point. It
// wraps the SQLite driver the CLI loads; nothing of it is in the CLI itself.
'use strict';
const spec = /^(before|after):(\d+)$/.exec(process.env.TOLLGATE_TEST_CRASH_AT || '');
if (spec) {
  const when = spec[1];
  const seq = Number(spec[2]);
  const Database = require('better-sqlite3');
  const kill = () => process.kill(process.pid, 'SIGKILL');
  const awaitingCommit = new WeakSet();

  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql) {
    const statement = prepare.call(this, sql);
    if (!/^\s*INSERT INTO events\b/.test(sql)) return statement;
    const db = this;
    const run = statement.run;
    statement.run = function (...args) {
      if (args[1] === seq && when === 'before') kill();
      const result = run.apply(this, args);
      if (args[1] === seq && when === 'after') {
        if (db.inTransaction) awaitingCommit.add(db);
        else kill();
      }
      return result;
    };
    return statement;
  };

  const transaction = Database.prototype.transaction;
  Database.prototype.transaction = function (fn) {
    const db = this;
    const made = transaction.call(this, fn);
    const thenCheck = (f) => function (...args) {
      const result = f.apply(this, args);
      if (awaitingCommit.has(db) && !db.inTransaction) kill();
      return result;
    };
    const wrapped = thenCheck(made);
    for (const mode of ['deferred', 'immediate', 'exclusive']) wrapped[mode] = thenCheck(made[mode]);
    return wrapped;
  };
}
