import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { compare } from './read-sources'
import type { LayerFeature } from './layer-types'

/**
 * Serialises a layer deterministically: features sorted by id, one feature per line (small, readable diffs when
 * a boundary moves), keys in construction order, trailing newline.
 */
export function serialiseCollection<P>(features: readonly LayerFeature<P>[]): string {
  const sorted = [...features].sort((a, b) => compare(a.id, b.id))
  const lines = sorted.map((f) => JSON.stringify({ type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry }))
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`
}

export function writeCollection<P>(file: string, features: readonly LayerFeature<P>[]): number {
  const text = serialiseCollection(features)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  return Buffer.byteLength(text)
}
