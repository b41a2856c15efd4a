/**
 * What the language server and the CLI need from the world, behind an interface so that the server tier of
 * tests can run the server over an in-memory disk (nodeFileSystem.ts is the real one, for both). Paths are
 * native file system paths; accounts are named by URIs (uris.ts converts).
 */
export interface FileStat {
  size: number;
  isDirectory: boolean;
}

export interface FileSystem {
  /** Files (never folders) in a folder, recursively or not; [] when the folder does not exist. */
  listFiles(folder: string, recursive: boolean): Promise<string[]>;
  /** undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  readFile(file: string): Promise<Uint8Array>;
}

export interface ServerDeps {
  fs: FileSystem;
  /**
   * Whether messages from the client are waiting to be handled (the stdio reader knows). Indexing reads the
   * disk only when none are: documents the client is opening meanwhile then arrive first, and their files
   * are not read from disk for nothing. Absent: indexing never waits.
   */
  messagesWaiting?: () => boolean;
}
