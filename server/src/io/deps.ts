/**
 * What the language server needs from the world, behind an interface so that the server tier of tests can
 * run it over an in-memory disk. Paths are native file system paths; the server converts URIs.
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
