// A plain node:http GET over one kept-alive connection, timed from the request to the last byte of the body,
// as the dashboard's browser would fetch it (it asks for gzip, so compression is part of the time).
import { Agent, request } from 'node:http'

export interface Fetched { status: number; ms: number; bytes: number; body: Buffer }

export const BROWSER_ENCODING = 'gzip, deflate, br'

export function keepAlive(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 })
}

export function get(url: string, agent: Agent, encoding: string | null = BROWSER_ENCODING): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const req = request(url, { agent, headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes: body.length, body })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** GET and parse JSON (uncompressed), failing loudly on anything but 200. */
export async function getJson<T>(url: string, agent: Agent): Promise<T> {
  const res = await get(url, agent, null)
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.toString().slice(0, 300)}`)
  return JSON.parse(res.body.toString()) as T
}
