// One event-stream client of a benchmark: it records when each `incident.created` arrived (performance.now() of the
// chunk that carried it), so delivery is timed from just before a POST to that moment.
import { request } from 'node:http'
import type { Agent, ClientRequest } from 'node:http'
import { sseFrames } from '../scripts/sse-frames'

export interface IncidentStream {
  req: ClientRequest
  /** incident id → arrival time. */
  received: Map<number, number>
  /** Resolves on the server's `ready` frame: from then on every new incident is delivered. */
  ready: Promise<void>
}

export function openIncidentStream(base: string, agent: Agent): IncidentStream {
  const received = new Map<number, number>()
  let onReady!: () => void
  const ready = new Promise<void>((resolve) => { onReady = resolve })
  let at = 0
  const read = sseFrames(({ event, data }) => {
    if (event === 'ready') onReady()
    if (event === 'incident.created') {
      const id = data ? (JSON.parse(data) as { id?: number }).id : undefined
      if (typeof id === 'number') received.set(id, at)
    }
  })
  const req = request(`${base}/api/stream`, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      at = performance.now()
      read(chunk)
    })
  })
  req.on('error', () => { /* closed by the runner at the end */ })
  req.end()
  return { req, received, ready }
}
