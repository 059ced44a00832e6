// A bounded LRU of encoded tiles. Each entry keeps the tile gzipped (what browsers take) beside its ETag; entries
// expire after a time to live (an incident turns overdue with no write at all) and are dropped early when data in
// their tile changes: `invalidatePoint` removes every cached tile, at every zoom and for every filter, whose box
// holds the changed incident.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { TileId } from './tile-math'
import { MAX_ZOOM, tileOf } from './tile-math'

export interface CachedTile { raw: Uint8Array; gz: Uint8Array; etag: string; features: number; expires: number }

export interface TileCacheOptions { maxEntries: number; maxBytes: number; now?: () => number }

export function makeTile(raw: Uint8Array, features: number, ttlMs: number, now: number): CachedTile {
  return {
    raw, gz: gzipSync(raw, { level: 6 }), features, expires: now + ttlMs,
    etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
  }
}

const tileKey = (layer: string, t: TileId) => `${layer}/${t.z}/${t.x}/${t.y}`

export class TileCache {
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  private readonly entries = new Map<string, CachedTile>()
  private bytes = 0
  private readonly now: () => number
  hits = 0
  misses = 0

  constructor(private readonly opts: TileCacheOptions) {
    this.now = opts.now ?? Date.now
  }

  get size() { return this.entries.size }
  get totalBytes() { return this.bytes }

  static key(layer: string, t: TileId, query: string) { return `${tileKey(layer, t)}?${query}` }

  get(key: string): CachedTile | undefined {
    const hit = this.entries.get(key)
    if (!hit) { this.misses++; return undefined }
    if (hit.expires <= this.now()) { this.delete(key); this.misses++; return undefined }
    this.entries.delete(key)
    this.entries.set(key, hit)
    this.hits++
    return hit
  }

  set(key: string, tile: CachedTile) {
    this.delete(key)
    this.entries.set(key, tile)
    this.bytes += tile.raw.byteLength + tile.gz.byteLength
    while (this.entries.size > this.opts.maxEntries || this.bytes > this.opts.maxBytes) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.delete(oldest)
    }
  }

  delete(key: string) {
    const e = this.entries.get(key)
    if (!e) return
    this.bytes -= e.raw.byteLength + e.gz.byteLength
    this.entries.delete(key)
  }

  /** Drops the layer's tiles that hold (lng, lat) at any zoom, whatever their filters. */
  invalidatePoint(layer: string, lng: number, lat: number) {
    const prefixes = new Set<string>()
    for (let z = 0; z <= MAX_ZOOM; z++) prefixes.add(`${tileKey(layer, tileOf(lng, lat, z))}?`)
    for (const key of [...this.entries.keys()]) {
      const q = key.indexOf('?')
      if (prefixes.has(key.slice(0, q + 1))) this.delete(key)
    }
  }

  /** Drops every entry whose key starts with the prefix (e.g. all incident counts). */
  invalidatePrefix(prefix: string) {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key)
  }
}
