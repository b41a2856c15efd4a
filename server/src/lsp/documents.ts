/**
 * The documents open in the editor: which portfolio each is in, the URI its client uses, and whether it
 * changed since it was last parsed. Editing is cheap by construction: a change only marks its document
 * dirty; it is parsed once, from its latest text, when a request needs it or when the pending flush runs,
 * so a burst of changes never builds a backlog (the last version wins).
 */
import type { Folder } from './types';

export interface OpenDocument {
  /** Normalised URI: the account's id. */
  key: string;
  /** The URI the client uses for it, to answer the client with. */
  clientUri: string;
  folder: Folder;
  /** Changed since it was last parsed. */
  dirty: boolean;
}

export function createDocuments() {
  const open = new Map<string, OpenDocument>();
  /** Keys of the documents marked dirty, so a flush does not walk every open document (O(N²) while N open). */
  const dirtyKeys = new Set<string>();

  return {
    isOpen: (key: string): boolean => open.has(key),
    get: (key: string): OpenDocument | undefined => open.get(key),
    all: (): OpenDocument[] => [...open.values()],

    /** Opened documents start dirty: parsed at the next flush or request. */
    open(key: string, clientUri: string, folder: Folder): void {
      open.set(key, { key, clientUri, folder, dirty: true });
      dirtyKeys.add(key);
    },
    /** False when the document is not open. */
    markDirty(key: string): boolean {
      const doc = open.get(key);
      if (!doc) return false;
      doc.dirty = true;
      dirtyKeys.add(key);
      return true;
    },
    /** The document's entry, now forgotten; undefined when it was not open. */
    close(key: string): OpenDocument | undefined {
      const doc = open.get(key);
      open.delete(key);
      dirtyKeys.delete(key);
      return doc;
    },
    /** The open documents changed since they were last parsed, now counted as clean (the caller parses them). */
    takeDirty(): OpenDocument[] {
      const docs: OpenDocument[] = [];
      for (const key of dirtyKeys) {
        const doc = open.get(key);
        if (doc?.dirty) {
          doc.dirty = false;
          docs.push(doc);
        }
      }
      dirtyKeys.clear();
      return docs;
    },
    /** Marks one document clean, for a caller about to parse it; true when it was dirty. */
    takeDirtyOne(key: string): boolean {
      const doc = open.get(key);
      if (!doc?.dirty) return false;
      doc.dirty = false;
      return true;
    },
  };
}

export type Documents = ReturnType<typeof createDocuments>;
