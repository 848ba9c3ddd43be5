import { runBoardStoreContract } from './board-store.contract.js';
import { MemoryBoardStore } from './memory-board-store.js';

runBoardStoreContract('MemoryBoardStore', async ({ faults }) => {
  const store = new MemoryBoardStore({ faults });
  // Memory survives a "restart" only because the instance does; that is what relay tests want.
  return { store, restart: () => store, cleanup: async () => {} };
});
