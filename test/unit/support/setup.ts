import { IDBFactory } from 'fake-indexeddb'
import { beforeEach } from 'vitest'

// A fresh, empty IndexedDB for every test: the engine must never see another test's tokens.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})
