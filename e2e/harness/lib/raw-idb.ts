// Test pages' own IndexedDB access, independent of the store under test.
/**
 * Raw access to a store's database (object store `files`), to damage it the way a crash or a bad
 * disk would. Plain IndexedDB rather than idb-keyval: the root workspace does not depend on it,
 * and an independent reader also checks the layout the store claims to write.
 */
export function rawDb(dbName = 'webrerank') {
  const run = <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onupgradeneeded = () => open.result.createObjectStore('files');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('files', mode);
        const request = act(tx.objectStore('files'));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onabort = tx.onerror = () => {
          db.close();
          reject(tx.error ?? request.error);
        };
      };
    });
  return {
    keys: () => run('readonly', (s) => s.getAllKeys()).then((all) => all.map(String).sort()),
    get: (key: string) => run<unknown>('readonly', (s) => s.get(key)),
    put: (key: string, value: unknown) => run('readwrite', (s) => s.put(value, key)).then(() => undefined),
    delete: (key: string) => run('readwrite', (s) => s.delete(key)).then(() => undefined),
  };
}
