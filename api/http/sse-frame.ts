// Server-sent event frames, encoded once. The stream sends the same event to every subscriber; building and
// UTF-8-encoding its text once per event (not once per client) is what lets 1,000 clients be served in one pass.
import type { StoredEvent } from '../store/events'

const encoder = new TextEncoder()
const frames = new WeakMap<StoredEvent, Uint8Array>()

/** `event:` then one `data:` line per line of the payload, then `id:` (the order browsers and our tests read). */
export function sseFrame(event: string, data: string, id?: number): Uint8Array {
  if (/[\r\n]/.test(event)) throw new Error(`SSE event name must be one line: ${JSON.stringify(event)}`)
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n')
  return encoder.encode(`event: ${event}\n${lines}\n${id === undefined ? '' : `id: ${id}\n`}\n`)
}

/** The frame of a stored event; the bus hands every subscriber the same object, so this encodes it once. */
export function eventFrame(ev: StoredEvent): Uint8Array {
  let frame = frames.get(ev)
  if (!frame) frames.set(ev, (frame = sseFrame(ev.kind, ev.payload, ev.id)))
  return frame
}

export const HEARTBEAT_FRAME = encoder.encode(': heartbeat\n\n')
