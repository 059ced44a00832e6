// Who is posting: the API token named by the form's api_key, and nothing else. A cookie is not read on these paths
// (another site's form could carry it; a person's session is not an intake integration), nor an Authorization
// header (GeoReport v2 clients send api_key). The key is never written anywhere: the audit log names the token.
import type { Context } from 'hono'
import type { PrincipalResolver } from '../auth/principal'
import { ApiError } from '../errors'
import type { Form } from './form'

export const keyMissing = () => new ApiError(401, 'unauthenticated', 'api_key is required: send the API token of an intake integration as the form field api_key')

/** Sets `principal` (null for a missing or unknown key); the guard decides whether that is a refusal. */
export async function identifyByKey(c: Context, form: Form, resolver: PrincipalResolver) {
  const key = form.get('api_key')
  // A key in the URL ends up in proxies' and servers' access logs: refused, whatever it is.
  if (c.req.query('api_key') !== undefined) throw new ApiError(400, 'key_in_url', 'send api_key in the form body, never in the URL (URLs are logged)')
  const principal = key ? await resolver.bearer(key) : null
  c.set('principal' as never, principal as never)
  if (key && !principal) c.set('auditActor' as never, 'invalid-token' as never)
}
