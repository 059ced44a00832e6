// A rejected write must store nothing: this counts every table a write can touch before and after the request.
import { expect } from 'vitest'
import type { TestApp } from './app'

export const WRITE_TABLES = [
  'incidents', 'incident_events', 'disputes', 'dispute_events', 'sites', 'inspections', 'site_warnings',
  'whistles', 'whistle_events', 'events', 'idempotency', 'callbacks', 'meta', 'alerts', 'alert_events', 'alert_rule_params', 'alert_snoozes', 'case_merges', 'case_members',
] as const

type Response = { status: number; body: any }

/**
 * `rejected(send, status, code, message?)` for a test file whose app is made in beforeAll (hence the getter):
 * sends, expects the status and error code (and message) and that no table changed; returns the message.
 */
export function rejecter(app: () => TestApp) {
  return async (send: () => Promise<Response>, status: number, code: string | RegExp, message?: RegExp) => {
    const t = app()
    const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (n) => [n, await t.count(n)] as const)))
    const before = await counts()
    const res = await send()
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.body.error.code).toMatch(code)
    if (message) expect(res.body.error.message).toMatch(message)
    expect(await counts()).toEqual(before)
    return res.body.error.message as string
  }
}
