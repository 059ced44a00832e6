// The live simulator: new incidents, disputes and whistle calls arrive, and open ones advance, every few seconds,
// through the same services the API's write endpoints use (so validation, history, events and the stream all
// behave exactly as for real intake). Off in tests; on by default for the demo preset.
import { INCIDENT_TYPES } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { DISPUTE_METHOD_IDS, DISPUTE_TYPES, OPEN_DISPUTE_STATUSES } from '../../domain/dispute'
import type { IncidentAction, IncidentStatus } from '../../domain/incident'
import type { IncidentTransitionRequest } from '../../domain/schemas'
import { OPEN_INCIDENT_STATUSES, SEVERITY_IDS } from '../../domain/incident'
import type { WhistleStatus } from '../../domain/whistle'
import { OPEN_WHISTLE_STATUSES, WHISTLE_KIND_IDS } from '../../domain/whistle'
import type { OneMap } from '../app'
import { ApiError } from '../errors'
import { GridSampler } from './grid-sampler'
import type { SeedRegions } from './geodata'
import { Rng } from './random'
import { SYNTHETIC_MARK, disputeSummary, incidentDescription, parties } from './synthetic-text'

export interface SimulatorOptions {
  /** Time between ticks; 4 s by default. */
  intervalMs?: number
  /** Multiplies every arrival and advance rate (the wall soak test runs at 10×). */
  rate?: number
  seed?: number
}

type Services = OneMap['services']
type Feature = { id?: string | number }

/** The incidents that still move: the open ones, and the resolved ones waiting for verification. */
const ADVANCING_INCIDENT: readonly IncidentStatus[] = [...OPEN_INCIDENT_STATUSES, 'resolved']
/** The calls that still move: the open ones, and the closed ones waiting for the township's rating. */
const ADVANCING_WHISTLE: readonly WhistleStatus[] = [...OPEN_WHISTLE_STATUSES, 'closed']
const SEVERITY_WEIGHTS = [0.75, 0.2, 0.05]

export function startSimulator(services: Services, regions: SeedRegions, opts: SimulatorOptions = {}) {
  const rng = new Rng(opts.seed ?? Date.now(), 'live')
  const sampler = new GridSampler(regions)
  const rate = opts.rate ?? 1
  /** How many of something happen this tick, for a mean per tick. */
  const times = (mean: number) => {
    const m = mean * rate
    return Math.floor(m) + (rng.chance(m - Math.floor(m)) ? 1 : 0)
  }
  const severity = () => {
    const r = rng.next()
    return r < SEVERITY_WEIGHTS[0]! ? SEVERITY_IDS[0] : r < SEVERITY_WEIGHTS[0]! + SEVERITY_WEIGHTS[1]! ? SEVERITY_IDS[1] : SEVERITY_IDS[2]
  }
  /** A refused move is the state machine doing its job (another actor got there first): skip it. */
  const attempt = async (fn: () => Promise<unknown>) => {
    try { await fn() } catch (err) { if (!(err instanceof ApiError)) throw err }
  }

  function newIncident() {
    const place = sampler.pick(rng)
    const type = rng.pick(INCIDENT_TYPES)
    const source = type.onList ? rng.pick(['patrol', 'patrol', 'patrol', 'hotline', 'app', 'camera'] as const) : 'department'
    const [lng, lat] = sampler.point(rng, place.id)
    return attempt(() => services.incidents.create({
      type: type.id, point: { lng, lat, crs: 'wgs84' }, source, severity: severity(),
      description: incidentDescription(rng, { townshipName: place.townshipName, villageName: place.villageName, urban: place.urban, source, typeName: type.name }),
    }, { synthetic: true }))
  }

  function newDispute() {
    const place = sampler.pick(rng)
    const type = rng.pick(DISPUTE_TYPES)
    const [lng, lat] = sampler.point(rng, place.id)
    const people = parties(rng, rng.int(2, 3))
    return attempt(() => services.disputes.create({
      type: type.id, point: { lng, lat, crs: 'wgs84' }, parties: people,
      description: disputeSummary(rng, { townshipName: place.townshipName, villageName: place.villageName, typeName: type.name, parties: people.length }),
      level: 'village', method: rng.pick(DISPUTE_METHOD_IDS), risk: rng.chance(0.06) ? 'high' : rng.chance(0.3) ? 'medium' : 'low', crossRegion: rng.chance(0.05),
    }, { synthetic: true }))
  }

  function newWhistle() {
    const township = rng.pick([...sampler.seats.keys()])
    const urgent = rng.chance(0.15)
    return attempt(() => services.whistles.create({
      township, department: rng.pick(DEPARTMENT_IDS), kind: rng.pick(WHISTLE_KIND_IDS), urgent,
      reason: `${SYNTHETIC_MARK}乡镇难以单独解决，请求县级部门到场协同处置`,
    }, { synthetic: true }))
  }

  /** Moves one open record one step along its life cycle, choosing among the actions its record allows. */
  async function advance(list: () => Promise<{ features: Feature[] }>, get: (id: number) => Promise<{ allowedActions?: readonly string[] }>, move: (id: number, action: string) => Promise<unknown>) {
    const { features } = await list()
    if (features.length === 0) return
    const id = Number(rng.pick(features).id)
    const allowed = ((await get(id)).allowedActions ?? []).filter((a) => !['return', 'reopen', 'supervise', 'escalate', 'fail', 'refer'].includes(a) || rng.chance(0.1))
    if (allowed.length) await attempt(() => move(id, rng.pick(allowed)))
  }

  async function answerCallback() {
    const { items } = await services.callbacks.list({ status: 'awaited' }, 50, undefined, null)
    if (items.length === 0) return
    const task = rng.pick(items)
    const roll = rng.next()
    const result = roll < 0.03 ? 'dissatisfied' : roll < 0.2 ? 'basicallySatisfied' : 'satisfied'
    await attempt(() => services.callbacks.record(task.incidentId, result === 'dissatisfied'
      ? { result, note: `${SYNTHETIC_MARK}群众反映问题仍未彻底解决` } : { result }, null))
  }

  async function tick() {
    for (let i = times(0.8); i > 0; i--) await newIncident()
    for (let i = times(0.06); i > 0; i--) await newDispute()
    for (let i = times(0.04); i > 0; i--) await newWhistle()
    for (let i = times(1.2); i > 0; i--) {
      await advance(() => services.incidents.list({ status: [...ADVANCING_INCIDENT] }, 50),
        async (id) => {
          // The assignee's hand-offs and extensions need a person's judgement (another assignee, a date): not simulated.
          const record = await services.incidents.get(id)
          return { allowedActions: record.allowedActions.filter((a) => !UNSIMULATED_INCIDENT_ACTIONS.includes(a)) }
        },
        (id, action) => services.incidents.transition(id, simulatedIncidentStep(action as IncidentAction)))
    }
    // 回访: an awaited call-back answered now and then, so a running demo's tasks do not all run late.
    for (let i = times(0.3); i > 0; i--) await answerCallback()
    for (let i = times(0.1); i > 0; i--) {
      await advance(() => services.disputes.list({ status: [...OPEN_DISPUTE_STATUSES] }, 50), (id) => services.disputes.get(id),
        (id, action) => services.disputes.transition(id, { action: action as never }))
    }
    for (let i = times(0.1); i > 0; i--) {
      await advance(() => services.whistles.list({ status: [...ADVANCING_WHISTLE] }, 50), (id) => services.whistles.get(id),
        (id, action) => services.whistles.transition(id, action === 'rate' ? { action: 'rate', rating: rng.int(3, 5) } : { action: action as never }))
    }
  }

  // A tick waits for its writes; a slow database skips a beat rather than piling ticks up.
  let ticking = false
  const timer = setInterval(() => {
    if (ticking) return
    ticking = true
    tick().catch((err: unknown) => console.error('simulator tick failed:', err)).finally(() => { ticking = false })
  }, opts.intervalMs ?? 4000)
  return { stop: () => clearInterval(timer), tick }
}

const UNSIMULATED_INCIDENT_ACTIONS: readonly IncidentAction[] = ['transfer', 'sendBack', 'requestExtension', 'approveExtension', 'refuseExtension']

/** A simulated step's request: the note the action needs (its result, its reason, the order). */
function simulatedIncidentStep(action: IncidentAction): IncidentTransitionRequest {
  const note = SIMULATED_NOTES[action]
  return note === undefined ? { action } : { action, note }
}
const SIMULATED_NOTES: Partial<Record<IncidentAction, string>> = {
  resolve: `${SYNTHETIC_MARK}已处置完毕，现场恢复正常`,
  reopen: `${SYNTHETIC_MARK}核查未通过，请重新处置`,
  supervise: `${SYNTHETIC_MARK}已超过办理时限，请加快处置`,
}
