// A hand-rolled HTTP/1.1 client over a TCP socket, for what fetch cannot do: stream a 200 MB body (with an
// honest Content-Length, or chunked with none) while watching for the server's early answer, or trickle a body
// slower than the server's time-out. It never holds the body in memory: it writes one 64 KB chunk at a time.
import { connect } from 'node:net'

export interface RawResponse { status: number; headers: Record<string, string>; body: string; bytesSent: number; ms: number }

export interface RawRequest {
  port: number
  path: string
  headers: Record<string, string>
  /** Total body bytes to stream; chunked transfer encoding when `chunked`. */
  bodyBytes: number
  chunked?: boolean
  /** Stop sending after this many bytes and wait (a slow-loris client). */
  stallAfter?: number
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20) // spaces: valid JSON whitespace, so only the size can be wrong

export function rawPost(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = connect(req.port, '127.0.0.1')
    let bytesSent = 0
    let answered = false
    let received = Buffer.alloc(0)
    const head = [`POST ${req.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close',
      ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
      req.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${req.bodyBytes}`, '', ''].join('\r\n')

    const finish = () => {
      const text = received.toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      if (split < 0) return reject(new Error(`no HTTP response after ${bytesSent} bytes: ${JSON.stringify(text.slice(0, 200))}`))
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n')
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      let body = text.slice(split + 4)
      if (headers['transfer-encoding'] === 'chunked') body = body.replace(/^[0-9a-f]+\r\n|\r\n[0-9a-f]+\r\n/gi, '').replace(/\r\n0\r\n\r\n$/, '').replace(/\r\n$/, '')
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body, bytesSent, ms: Date.now() - started })
    }
    socket.on('data', (d) => { received = Buffer.concat([received, d]); answered = true })
    socket.on('end', finish)
    socket.on('close', () => { if (!socket.readableEnded) finish() })
    socket.on('error', (err) => { if (answered) finish(); else if ((err as NodeJS.ErrnoException).code !== 'EPIPE' && (err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err) })

    const pump = () => {
      const limit = req.stallAfter ?? req.bodyBytes
      while (!answered && bytesSent < limit && !socket.destroyed) {
        const n = Math.min(CHUNK.length, limit - bytesSent)
        const piece = n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n)
        const ok = req.chunked ? socket.write(`${n.toString(16)}\r\n`) && socket.write(piece) && socket.write('\r\n') : socket.write(piece)
        bytesSent += n
        if (!ok) return void socket.once('drain', pump)
      }
      if (!answered && bytesSent >= req.bodyBytes && req.chunked) socket.write('0\r\n\r\n')
    }
    socket.on('connect', () => { socket.write(head); pump() })
  })
}
