// A zip archive written front to back as its entries' bytes arrive, for a download that must not sit in memory.
// Every entry is deflated through one node:zlib stream and followed by a data descriptor (general-purpose flag bit
// 3), so nothing needs its size or CRC before it is written; the central directory at the end repeats them.
// The bytes come out of an async generator: the next entry's input is read only when the consumer asks for more,
// so a slow download holds the archive at one input chunk plus the deflater's buffers.
//
// ZIP64 is used only where a figure does not fit 32 bits (an entry of 4 GiB or more, or an archive that large),
// as archiver did: Excel refuses some archives with ZIP64 fields where none are needed.
import { Readable } from 'node:stream'
import { crc32, createDeflateRaw } from 'node:zlib'

export interface ZipEntry {
  /** The path inside the archive (ASCII here: the parts of a workbook). */
  name: string
  /** The entry's bytes, whole or in chunks read on demand. */
  data: Buffer | AsyncIterable<Buffer>
}

interface Written {
  name: Buffer
  offset: number
  crc: number
  compressed: number
  size: number
}

/** 32-bit fields hold at most this; a larger figure moves into a ZIP64 field. */
const MAX32 = 0xffffffff
const FLAGS = 0x0008 | 0x0800 // sizes in a data descriptor; names are UTF-8
const DEFLATE = 8
/** A chunk of deflated output: large enough that a million-row sheet is not a million tiny enqueues. */
const OUT_CHUNK = 64 * 1024

/** MS-DOS time and date of `at` (local fields, as zip tools show them). */
function dosTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: (Math.max(0, at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  }
}

function localHeader(name: Buffer, stamp: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(30)
  b.writeUInt32LE(0x04034b50, 0)
  b.writeUInt16LE(20, 4)
  b.writeUInt16LE(FLAGS, 6)
  b.writeUInt16LE(DEFLATE, 8)
  b.writeUInt16LE(stamp.time, 10)
  b.writeUInt16LE(stamp.date, 12)
  // CRC and sizes stay 0: the data descriptor after the data holds them.
  b.writeUInt16LE(name.length, 26)
  return Buffer.concat([b, name])
}

function dataDescriptor(e: Written): Buffer {
  const wide = e.compressed >= MAX32 || e.size >= MAX32
  const b = Buffer.alloc(wide ? 24 : 16)
  b.writeUInt32LE(0x08074b50, 0)
  b.writeUInt32LE(e.crc, 4)
  if (wide) {
    b.writeBigUInt64LE(BigInt(e.compressed), 8)
    b.writeBigUInt64LE(BigInt(e.size), 16)
  } else {
    b.writeUInt32LE(e.compressed, 8)
    b.writeUInt32LE(e.size, 12)
  }
  return b
}

function centralHeader(e: Written, stamp: { time: number; date: number }): Buffer {
  // The ZIP64 extra field holds, in this order, exactly the figures whose 32-bit field says 0xFFFFFFFF.
  const wide = [e.size, e.compressed, e.offset].map((n) => n >= MAX32)
  const extraFigures = [e.size, e.compressed, e.offset].filter((_, i) => wide[i])
  const extra = Buffer.alloc(extraFigures.length ? 4 + 8 * extraFigures.length : 0)
  if (extraFigures.length) {
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(8 * extraFigures.length, 2)
    extraFigures.forEach((n, i) => extra.writeBigUInt64LE(BigInt(n), 4 + 8 * i))
  }
  const version = extraFigures.length ? 45 : 20
  const b = Buffer.alloc(46)
  b.writeUInt32LE(0x02014b50, 0)
  b.writeUInt16LE(version, 4)
  b.writeUInt16LE(version, 6)
  b.writeUInt16LE(FLAGS, 8)
  b.writeUInt16LE(DEFLATE, 10)
  b.writeUInt16LE(stamp.time, 12)
  b.writeUInt16LE(stamp.date, 14)
  b.writeUInt32LE(e.crc, 16)
  b.writeUInt32LE(wide[1] ? MAX32 : e.compressed, 20)
  b.writeUInt32LE(wide[0] ? MAX32 : e.size, 24)
  b.writeUInt16LE(e.name.length, 28)
  b.writeUInt16LE(extra.length, 30)
  // comment length, disk, internal and external attributes: 0
  b.writeUInt32LE(wide[2] ? MAX32 : e.offset, 42)
  return Buffer.concat([b, e.name, extra])
}

function endOfArchive(entries: number, dirOffset: number, dirSize: number): Buffer {
  const wide = dirOffset + dirSize >= MAX32 || entries >= 0xffff
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(entries, 0xffff), 8)
  end.writeUInt16LE(Math.min(entries, 0xffff), 10)
  end.writeUInt32LE(wide ? MAX32 : dirSize, 12)
  end.writeUInt32LE(wide ? MAX32 : dirOffset, 16)
  if (!wide) return end
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeUInt16LE(45, 12)
  record.writeUInt16LE(45, 14)
  record.writeBigUInt64LE(BigInt(entries), 24)
  record.writeBigUInt64LE(BigInt(entries), 32)
  record.writeBigUInt64LE(BigInt(dirSize), 40)
  record.writeBigUInt64LE(BigInt(dirOffset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(dirOffset + dirSize), 8)
  locator.writeUInt32LE(1, 16)
  return Buffer.concat([record, locator, end])
}

/**
 * The deflated bytes of `input`, read as they are asked for. The input is pulled one chunk at a time (a stream of
 * high-water mark 1 into the deflater, whose own buffer is 16 KB), so the deflater never runs ahead of the
 * consumer by more than a chunk. Leaving early destroys the deflater, and through the pipe the input.
 */
async function* deflated(input: AsyncIterable<Buffer>, level: number): AsyncGenerator<Buffer> {
  const deflater = createDeflateRaw({ level, chunkSize: OUT_CHUNK })
  const source = Readable.from(input, { highWaterMark: 1 })
  source.on('error', (err) => deflater.destroy(err))
  source.pipe(deflater)
  try {
    for await (const chunk of deflater) yield chunk as Buffer
  } finally {
    source.destroy()
    deflater.destroy()
  }
}

async function* chunksOf(data: Buffer | AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) yield data
  else yield* data
}

/** The archive of `entries`, in order, as chunks of bytes. `level` is zlib's deflate level (1 fastest … 9). */
export async function* zipStream(entries: Iterable<ZipEntry>, options: { level?: number; at?: Date } = {}): AsyncGenerator<Buffer> {
  const stamp = dosTime(options.at ?? new Date())
  const written: Written[] = []
  let offset = 0
  for (const entry of entries) {
    const e: Written = { name: Buffer.from(entry.name, 'utf8'), offset, crc: 0, compressed: 0, size: 0 }
    const head = localHeader(e.name, stamp)
    yield head
    offset += head.length
    // The CRC and the size are of the input: counted as each chunk goes into the deflater.
    const counted = (async function* () {
      for await (const chunk of chunksOf(entry.data)) {
        e.crc = crc32(chunk, e.crc)
        e.size += chunk.length
        yield chunk
      }
    })()
    for await (const out of deflated(counted, options.level ?? 6)) {
      e.compressed += out.length
      yield out
    }
    const tail = dataDescriptor(e)
    yield tail
    offset += e.compressed + tail.length
    written.push(e)
  }
  const dir = Buffer.concat(written.map((e) => centralHeader(e, stamp)))
  yield dir
  yield endOfArchive(written.length, offset, dir.length)
}
