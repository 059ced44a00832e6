// A leader's API token, made in the cluster's database directly, for the drill's and the bench's clients: they
// read the county's figures and post incidents as a command centre's operator would, without a sign-in round.
import { openStore } from '../../api/store'
import { accountService } from '../../api/auth/accounts'
import { loadRegions } from '../../api/services/regions'

/** The Authorization header of a new leader token named `name` (it shows under that name in the token list). */
export async function leaderToken(databaseUrl: string, name: string): Promise<Record<string, string>> {
  const store = await openStore(databaseUrl)
  try {
    const { secret } = await accountService({ store, now: Date.now, regions: loadRegions() }).createToken({ name, role: 'leader' }, null)
    return { Authorization: `Bearer ${secret}` }
  } finally {
    await store.close()
  }
}
