/**
 * Where submission PDFs live: DATA_DIR/attachments/<consultationId>/<sha256>.pdf. Content-addressed,
 * written to a temp file, fsynced and renamed before the event that references it is appended,
 * so an accepted upload survives a kill -9. With Redis, DATA_DIR must be shared by every process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The PDF magic number (ISO 32000: the file starts with "%PDF-"). */
const PDF_MAGIC = Buffer.from('%PDF-');

/** True when the bytes start like a PDF (type by content, not by name or Content-Type). */
export const looksLikePdf = (bytes: Buffer): boolean => bytes.length > PDF_MAGIC.length && bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);

/** A file name safe to show and to put in Content-Disposition: no path, no quotes or controls, ends in .pdf. */
export function safePdfName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim().slice(0, 100);
  if (!name) name = 'attachment';
  if (!/\.pdf$/i.test(name)) name += '.pdf';
  return name;
}

export class AttachmentStore {
  constructor(private readonly dir: string) {}

  private path(consultationId: string, sha256: string): string {
    return join(this.dir, consultationId, `${sha256}.pdf`);
  }

  /** Stores the bytes durably; returns their SHA-256 (hex). Storing the same bytes twice is harmless. */
  async put(consultationId: string, bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const folder = join(this.dir, consultationId);
    await mkdir(folder, { recursive: true });
    const tmp = join(folder, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.path(consultationId, sha256));
    // The rename itself is made durable by syncing the directory.
    const dh = await open(folder, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
    return sha256;
  }

  /** The bytes, or null when missing. */
  async get(consultationId: string, sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(consultationId, sha256));
    } catch {
      return null;
    }
  }

  async exists(consultationId: string, sha256: string): Promise<boolean> {
    return stat(this.path(consultationId, sha256)).then(() => true, () => false);
  }
}
