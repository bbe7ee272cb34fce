import path from 'node:path';
import { Workbench } from '../../src/workbench/index.ts';
import { makeMiniProject, refundScript, TICKET_EVENT } from './mini-project.ts';

/** A workbench over a fresh mini project (real SQLite file, in-process MSW), kept open for a test. */
export function openMini(overrides: Record<string, string> = {}): Workbench {
  const root = makeMiniProject({
    'fixtures/models/o1.yaml': refundScript('O-1'),
    'fixtures/models/o2.yaml': refundScript('O-2'),
    'fixtures/models/o3.yaml': refundScript('O-3'),
    'fixtures/models/o4.yaml': refundScript('O-4'),
    ...overrides,
  });
  return Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'test.db'), world: { kind: 'mocked', keepState: true } });
}

/** Starts a refund run for an order, scripted. */
export function startRefund(wb: Workbench, order: 'O-1' | 'O-2' | 'O-3' | 'O-4', extra: Partial<Parameters<Workbench['start']>[0]> = {}) {
  return wb.start({ workflow: 'refund', event: TICKET_EVENT, script: `fixtures/models/${order.toLowerCase().replace('-', '')}.yaml`, requestedBy: 'alice', ...extra });
}

export async function toolRequests(wb: Workbench, runId: string) {
  return (await wb.mocks()).requests(runId);
}
