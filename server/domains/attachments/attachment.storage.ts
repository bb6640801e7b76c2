import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where attachment bytes live. Keys are opaque, made by the service (`2026/11/<random>`), never
 * from a user's file name. The local disk implements it today; object storage (S3, OSS, MinIO)
 * can implement the same three calls later.
 */
export interface BlobStorage {
  /** Stores the bytes under the key, whole or not at all. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when there is nothing under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

// Path segments of letters, digits, `-` and `_`: no `..`, no absolute paths, no separators of another OS.
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** A new random key under the month of `now` (UTC), e.g. `2026/11/9f86d081884c7d65…`. */
export function newStorageKey(now: number): string {
  const d = new Date(now);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}`;
}

/**
 * Files under a root directory (DATA_DIR/attachments), outside the web root: nothing there is
 * reachable except through the access-checked download route.
 */
export class LocalStorage implements BlobStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write beside the target and rename: a reader never sees half a file, and a crash leaves
    // only a stray temp file, never a truncated blob under a real key.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

/** The storage a deployment uses: local files under DATA_DIR/attachments. */
export function attachmentStorage(dataDir: string): BlobStorage {
  return new LocalStorage(path.join(dataDir, 'attachments'));
}
