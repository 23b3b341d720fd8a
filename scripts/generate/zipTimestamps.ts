/**
 * Sets every entry's modification time in a ZIP archive (an .xlsx) to one fixed time, so
 * the same workbook gives the same bytes on every run; JSZip, which exceljs uses, stamps
 * entries with the current time. Layout per PKWARE APPNOTE 4.3.7 (local header), 4.3.12
 * (central directory header) and 4.3.16 (end of central directory).
 */
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** MS-DOS time and date words of a UTC date. */
function dosDateTime(date: Date): { time: number; day: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Rewrites the timestamps in place and returns the buffer.
 * @throws when the buffer is not a ZIP archive without a trailing comment
 */
export function fixZipTimestamps(zip: Buffer, date: Date): Buffer {
  const eocd = zip.length - 22;
  if (eocd < 0 || zip.readUInt32LE(eocd) !== END_OF_CENTRAL_DIRECTORY) throw new Error('fixZipTimestamps: no end-of-central-directory record');
  const { time, day } = dosDateTime(date);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`fixZipTimestamps: bad central header at ${at}`);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(day, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`fixZipTimestamps: bad local header at ${local}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
