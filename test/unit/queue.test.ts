// The department queue's pure parts (web/src/queue): its order by time left, the figures and countdowns on the
// page's clock, which answers bring new items (the cue), the tones, and the buttons and request bodies of actions.
import { describe, expect, it } from 'vitest'
import { formatCountdown } from '../../web/src/i18n/format'
import { queueMessages } from '../../web/src/i18n/queue'
import { trackArrivals } from '../../web/src/queue/arrivals'
import { createBeeper } from '../../web/src/queue/beep'
import type { ToneContext } from '../../web/src/queue/beep'
import { bodyOf, buttonsOf, endOfLocalDay, INCIDENT_QUEUE_ACTIONS, isOneClick, WHISTLE_QUEUE_ACTIONS } from '../../web/src/queue/queue-actions'
import type { QueueItem } from '../../web/src/queue/queue-item'
import { itemKey } from '../../web/src/queue/queue-item'
import { countQueue, isOverdue, sortQueue, timeLeft, urgencyOf } from '../../web/src/queue/queue-order'

const T = Date.parse('2026-12-07T08:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const at = (ms: number) => new Date(ms).toISOString()

function item(id: number, over: Partial<QueueItem> = {}): QueueItem {
  return {
    kind: 'incident', id, title: '无证无照经营', titleEn: 'Unlicensed business', township: '330329100', point: [119.72, 27.55], status: 'dispatched',
    dueAt: at(T + HOUR), overdue: false, dueSoon: false, allowedActions: ['sign', 'start', 'sendBack', 'requestExtension'],
    updatedAt: at(T - HOUR), ...over,
  }
}

describe('order and figures', () => {
  it('sorts by time left: most overdue first, then soonest due, no deadline last; ties by kind then id', () => {
    const items = [
      item(1, { dueAt: at(T + 3 * HOUR) }),
      item(2, { dueAt: null }),
      item(3, { dueAt: at(T - 2 * HOUR), overdue: true }),
      item(4, { kind: 'whistle', dueAt: at(T + 10 * MIN), status: 'whistled', allowedActions: ['acknowledge'] }),
      item(5, { dueAt: at(T - 5 * MIN), overdue: true }),
      item(4, { dueAt: at(T + 10 * MIN) }),
      item(0, { kind: 'whistle', dueAt: null }),
    ]
    expect(sortQueue(items).map(itemKey)).toEqual(['incident:3', 'incident:5', 'incident:4', 'whistle:4', 'incident:1', 'incident:2', 'whistle:0'])
    // A copy: the answer's own order is left alone.
    expect(items[0]!.id).toBe(1)
  })

  it('counts open, due soon and overdue on the clock: an item passing its deadline turns overdue, never both', () => {
    const items = [
      item(1, { dueAt: at(T + 5 * MIN), dueSoon: true }),
      item(2, { dueAt: at(T + 5 * HOUR) }),
      item(3, { dueAt: at(T - MIN), overdue: true }),
      item(4, { dueAt: null }),
    ]
    expect(countQueue(items, T)).toEqual({ open: 4, dueSoon: 1, overdue: 1 })
    // Its deadline reached: not yet overdue (as domain/time.ts isPast: 1 ms after).
    expect(isOverdue(items[0]!, T + 5 * MIN)).toBe(false)
    expect(countQueue(items, T + 5 * MIN + 1)).toEqual({ open: 4, dueSoon: 0, overdue: 2 })
    expect(urgencyOf(items[0]!, T)).toBe('due-soon')
    expect(urgencyOf(items[0]!, T + 6 * MIN)).toBe('overdue')
    expect(urgencyOf(items[1]!, T)).toBe('ok')
    expect(urgencyOf(items[3]!, T)).toBe('none')
    // The server's overdue holds even if this page's clock is behind.
    expect(isOverdue(item(9, { dueAt: at(T + MIN), overdue: true }), T)).toBe(true)
  })

  it('counts down each second, and up past the deadline', () => {
    const it1 = item(1, { dueAt: at(T + HOUR + 2 * MIN + 3000) })
    expect(timeLeft(it1, T)).toBe(HOUR + 2 * MIN + 3000)
    expect(formatCountdown(timeLeft(it1, T)!, 'zh-CN')).toBe('1:02:03')
    expect(formatCountdown(timeLeft(it1, T + 1000)!, 'zh-CN')).toBe('1:02:02')
    const late = timeLeft(it1, T + 2 * HOUR)!
    expect(late).toBeLessThan(0)
    expect(formatCountdown(late, 'en')).toBe('0:57:57')
    expect(timeLeft(item(2, { dueAt: null }), T)).toBeNull()
  })
})

describe('arrivals (the cue)', () => {
  it('takes the first answer as the baseline and reports keys new since the previous answer', () => {
    const track = trackArrivals()
    expect(track.next([item(1), item(2)])).toEqual([])
    expect(track.next([item(1), item(2)])).toEqual([])
    expect(track.next([item(1), item(2), item(3), item(3, { kind: 'whistle' })])).toEqual(['incident:3', 'whistle:3'])
    // An update of an item already there is no arrival; one that left and comes back is.
    expect(track.next([item(1, { status: 'handling' }), item(3)])).toEqual([])
    expect(track.next([item(1), item(2), item(3)])).toEqual(['incident:2'])
  })

  it('starts from an empty queue too: the first item to arrive is new', () => {
    const track = trackArrivals()
    expect(track.next([])).toEqual([])
    expect(track.next([item(7)])).toEqual(['incident:7'])
  })
})

describe('the tones', () => {
  function fakeContext(initial: string) {
    const started: number[] = []
    const ctx = {
      state: initial, currentTime: 10, destination: {} as AudioNode,
      resume() { ctx.state = 'running'; return Promise.resolve() },
      createOscillator: () => ({ frequency: { value: 0 }, connect: (n: unknown) => n, start: (t: number) => started.push(t), stop: () => undefined }) as unknown as OscillatorNode,
      createGain: () => ({ gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }, connect: (n: unknown) => n }) as unknown as GainNode,
    }
    return { ctx: ctx as ToneContext & { state: string }, started }
  }

  it('plays nothing before a gesture made the context, then two short tones', async () => {
    const { ctx, started } = fakeContext('suspended')
    let made = 0
    const beeper = createBeeper(() => { made++; return ctx })
    expect(beeper.play()).toBe(false)
    expect(made).toBe(0)
    beeper.unlock()
    await Promise.resolve()
    expect(beeper.ready()).toBe(true)
    expect(beeper.play()).toBe(true)
    expect(started).toEqual([10, 10.16])
    beeper.unlock()
    expect(made).toBe(1)
  })

  it('stays silent while the browser keeps the context suspended', () => {
    const { ctx } = fakeContext('suspended')
    ctx.resume = () => Promise.reject(new Error('no gesture'))
    const beeper = createBeeper(() => ctx)
    beeper.unlock()
    expect(beeper.play()).toBe(false)
  })
})

describe('actions', () => {
  it('shows the department side of each life cycle that the server allows, in order', () => {
    expect(buttonsOf(item(1, { allowedActions: ['requestExtension', 'sendBack', 'start', 'sign', 'accept'] }))).toEqual(['sign', 'start', 'sendBack', 'requestExtension'])
    expect(buttonsOf(item(1, { status: 'handling', allowedActions: ['resolve', 'sendBack', 'requestExtension'] }))).toEqual(['resolve', 'sendBack', 'requestExtension'])
    expect(buttonsOf(item(2, { kind: 'whistle', status: 'acknowledged', allowedActions: ['arrive'] }))).toEqual(['arrive'])
    // A whistle never shows incident actions, nor the township's 评哨.
    expect(buttonsOf(item(2, { kind: 'whistle', allowedActions: ['sign', 'rate', 'close'] }))).toEqual(['close'])
    expect(buttonsOf(item(3, { allowedActions: [] }))).toEqual([])
  })

  it('sends one-click steps at once, with the record\'s updatedAt for incidents', () => {
    expect(isOneClick('sign')).toBe(true)
    expect(isOneClick('start')).toBe(true)
    expect(isOneClick('resolve')).toBe(false)
    const i = item(1)
    expect(bodyOf(i, 'sign', {}, T)).toEqual({ action: 'sign', ifUpdatedAt: i.updatedAt })
    expect(bodyOf(item(2, { kind: 'whistle' }), 'acknowledge', {}, T)).toEqual({ action: 'acknowledge' })
  })

  it('needs a result for 办结 and a reason for 退回交办方, trimmed', () => {
    const i = item(1, { status: 'handling' })
    expect(bodyOf(i, 'resolve', { note: '   ' }, T)).toBe('noteMissing')
    expect(bodyOf(i, 'resolve', { note: ' 已责令整改，复查合格 ' }, T)).toEqual({ action: 'resolve', note: '已责令整改，复查合格', ifUpdatedAt: i.updatedAt })
    expect(bodyOf(i, 'sendBack', {}, T)).toBe('noteMissing')
    expect(bodyOf(i, 'sendBack', { note: '不属本部门职责' }, T)).toMatchObject({ action: 'sendBack', note: '不属本部门职责' })
  })

  it('asks 申请延期 for a date after the current deadline (its end of day, Beijing time) and a reason', () => {
    const i = item(1, { dueAt: '2026-12-09T04:00:00.000Z' })
    expect(bodyOf(i, 'requestExtension', { note: '需现场复核' }, T)).toBe('untilMissing')
    // The 8th ends before the deadline on the 9th (12:00 Beijing time); the 9th ends after it.
    expect(bodyOf(i, 'requestExtension', { note: '需现场复核', until: '2026-12-08' }, T)).toBe('untilNotLater')
    expect(bodyOf(i, 'requestExtension', { note: '', until: '2026-12-12' }, T)).toBe('noteMissing')
    expect(bodyOf(i, 'requestExtension', { note: '需现场复核', until: '2026-12-09' }, T))
      .toEqual({ action: 'requestExtension', note: '需现场复核', until: '2026-12-09T15:59:59.999Z', ifUpdatedAt: i.updatedAt })
    expect(endOfLocalDay('2026-02-30')).toBeNull()
    expect(endOfLocalDay('12/09/2026')).toBeNull()
  })

  it('labels every action in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = queueMessages(lang)
      for (const a of [...INCIDENT_QUEUE_ACTIONS, ...WHISTLE_QUEUE_ACTIONS]) expect(t.act[a]).toMatch(/\S/)
    }
    expect(queueMessages('zh-CN').act.sendBack).toBe('退回交办方')
    expect(Object.keys(queueMessages('en')).sort()).toEqual(Object.keys(queueMessages('zh-CN')).sort())
  })
})
