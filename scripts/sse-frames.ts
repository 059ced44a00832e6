// An event stream's text cut into its frames as chunks arrive: the one reader of `text/event-stream` for the
// benchmarks' and the failover drill's stream clients (node:http sockets of their own, where a browser would use
// EventSource). Each frame's fields are the server's single-line ones (api/routes/stream.ts writes no others).
export interface SseFrame {
  /** A comment line (`: heartbeat`): no event. */
  comment: boolean
  event: string | undefined
  id: number | undefined
  data: string | undefined
}

/** A function to give every chunk read (as text); `onFrame` is called once per complete frame, in order. */
export function sseFrames(onFrame: (frame: SseFrame) => void): (chunk: string) => void {
  let buf = ''
  return (chunk) => {
    buf += chunk
    let end: number
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end)
      buf = buf.slice(end + 2)
      const id = /^id: (\d+)$/m.exec(block)?.[1]
      onFrame({
        comment: block.startsWith(':'),
        event: /^event: (.*)$/m.exec(block)?.[1],
        id: id === undefined ? undefined : Number(id),
        data: /^data: (.*)$/m.exec(block)?.[1],
      })
    }
  }
}
