// The change feed as both sides name it: the SSE event kinds /api/stream sends (the services write them to the
// events log in the writing transaction) and the web listens for (web/src/stores/live.ts). A kind is
// `record.change`; the record's GeoJSON feature is the data.

export const LIVE_EVENT_KINDS = [
  'incident.created', 'incident.updated', 'incident.supervised', 'dispute.created', 'dispute.updated', 'whistle.created', 'whistle.updated', 'site.updated',
  'alert.raised', 'alert.updated',
] as const
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number]

/** The kinds about one record type: LiveEventOf<'incident'> = 'incident.created' | 'incident.updated'. */
export type LiveEventOf<Record extends string> = Extract<LiveEventKind, `${Record}.${string}`>

/** Sent once the replay of missed events is done, with the last id sent (a reconnect resumes from it). */
export const STREAM_READY = 'ready'
/** Sent instead of a replay too long to send: the client refetches what it shows. */
export const STREAM_RESET = 'reset'

/** An incident was created or changed (the map's incident layers and tiles follow these). */
export function isIncidentEvent(kind: string): kind is LiveEventOf<'incident'> {
  return kind.startsWith('incident.')
}
