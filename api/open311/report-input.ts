// A GeoReport v2 POST's fields as the incident intake's input (domain/schemas.ts IncidentCreate), checked by the
// same schema as POST /api/incidents. A location is a WGS84 lat/long: this server has no geocoder (it runs offline),
// so an address alone cannot be placed. The requester's first_name/last_name and phone become the reporter
// (masked wherever the record is read masked); email, device_id, account_id and media_url have no place in the
// record and are not kept.
import { getIncidentType } from '../../domain/catalogue'
import { SEVERITY_ATTRIBUTE, isSeverity } from '../../domain/open311'
import { IncidentCreate } from '../../domain/schemas'
import { badRequest } from '../errors'
import type { Form } from './form'

/** A decimal degree as text: digits, one point, a sign; no exponent, no hex, nothing JavaScript would also accept. */
const DEGREES = /^[+-]?\d{1,3}(\.\d{1,15})?$/

function degrees(form: Form, name: 'lat' | 'long'): number {
  const raw = form.get(name)!.trim()
  if (!DEGREES.test(raw)) throw badRequest(`${name}="${raw.slice(0, 40)}" is not a decimal degree (WGS84), e.g. lat=27.559551&long=119.708034`, 'invalid_location')
  return Number(raw)
}

/** Chinese names run family name first, without a space; others as written, with one. */
function personName(first: string | undefined, last: string | undefined): string | undefined {
  const parts = [last?.trim(), first?.trim()].filter((p): p is string => !!p)
  if (!parts.length) return undefined
  return parts.every((p) => /^[\u3400-\u9fff·]+$/.test(p)) ? parts.join('') : [...parts].reverse().join(' ')
}

export function reportInput(form: Form): IncidentCreate {
  const code = form.get('service_code')?.trim()
  if (!code) throw badRequest('service_code is required: one of the codes listed by services.json', 'missing_service_code')
  const type = getIncidentType(code)
  if (!type) throw badRequest(`service_code "${code.slice(0, 60)}" is not a service here: see services.json for the codes`, 'unknown_service_code')
  const hasLat = !!form.get('lat')?.trim()
  const hasLong = !!form.get('long')?.trim()
  if (!hasLat || !hasLong) {
    if (form.get('address_string')?.trim() || form.get('address_id')?.trim()) {
      throw badRequest('this server has no geocoder (it runs offline): an address alone cannot be placed; send lat and long (WGS84 decimal degrees)', 'no_geocoder')
    }
    throw badRequest(`${hasLat ? 'long' : 'lat'} is missing: send lat and long (WGS84 decimal degrees), e.g. lat=27.559551&long=119.708034`, 'missing_location')
  }
  const severity = form.get(`attribute[${SEVERITY_ATTRIBUTE}]`)?.trim() || 'normal'
  if (!isSeverity(severity)) throw badRequest(`attribute[${SEVERITY_ATTRIBUTE}]="${severity.slice(0, 40)}" is not one of normal, urgent, critical`, 'invalid_attribute')
  const name = personName(form.get('first_name'), form.get('last_name'))
  const phone = form.get('phone')?.trim() || undefined
  const parsed = IncidentCreate.safeParse({
    type: type.id,
    point: { lng: degrees(form, 'long'), lat: degrees(form, 'lat') },
    // Optional in the spec, required in the record: the service's name says what was reported.
    description: form.get('description')?.trim() || type.name,
    source: 'app',
    severity,
    ...(name || phone ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    // The record's field names back in the form's words.
    const field = issue.path.join('.').replace(/^point\.lng$/, 'long').replace(/^point\.lat$/, 'lat').replace(/^reporter\.name$/, 'first_name/last_name').replace(/^reporter\.phone$/, 'phone')
    throw badRequest(`${field}: ${issue.message.replace(/\blng\b/, 'long')}`, 'invalid')
  }
  return parsed.data
}
