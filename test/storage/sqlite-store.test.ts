import { describeStoreConformance } from './store-conformance';
import { sqliteHarness } from './sqlite-harness';

// One owner per database: tests that need two store objects open at once are skipped here (see sqlite-owner.test.ts
// for what a second instance gets instead).
describeStoreConformance('embedded store (SQLite)', () => sqliteHarness(), { concurrentInstances: false, evidenceParts: true });
