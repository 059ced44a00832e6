// The benchmark servers act as a county leader: a request that carries no credential gets this server's own
// token, so every request still goes through sign-in resolution (a hashed-token lookup), the policy and the
// audit log, as in production, and the browser benches open the SPA already signed in. The token is made fresh
// per start (a reused database keeps the old ones; they are revoked here).
import type { AccountService } from '../../api/auth/accounts'

const NAME = 'bench county leader'

export async function benchLeader(accounts: AccountService) {
  for (const t of await accounts.tokens()) if (t.name === NAME && t.revokedAt === null) await accounts.revokeToken(t.id)
  const { secret } = await accounts.createToken({ name: NAME, role: 'leader' }, null)
  return {
    secret,
    /** The request as the leader, unless it already names someone. */
    withLeader(req: Request): Request {
      if (req.headers.has('Authorization') || req.headers.has('Cookie')) return req
      const headers = new Headers(req.headers)
      headers.set('Authorization', `Bearer ${secret}`)
      // duplex: a POST's body is a stream, which undici forwards only when told it is half-duplex.
      return new Request(req, { headers, duplex: 'half' } as RequestInit)
    },
  }
}
