import { runBoardStoreContract } from './board-store.contract.js';
import { MemoryBoardStore } from './memory-board-store.js';
import { runSnapshotStoreContract } from './snapshot-store.contract.js';
import type { MakeBoardStoreFixture } from './board-store.contract.js';

const makeFixture: MakeBoardStoreFixture = async ({ faults }) => {
  const store = new MemoryBoardStore({ faults });
  // Memory survives a "restart" only because the instance does; that is what relay tests want.
  return { store, restart: () => store, cleanup: async () => {} };
};

runBoardStoreContract('MemoryBoardStore', makeFixture);
runSnapshotStoreContract('MemoryBoardStore', makeFixture);
