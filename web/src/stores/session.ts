// Who is signed in. `status` starts 'unknown' until /api/auth/session answers; any 401 from the API (an expired or
// ended session) turns it to 'signed-out', and the root component shows the sign-in screen.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MetricId } from '../../../domain/metrics'
import { ApiRequestError, getJson, onUnauthorized, postJson } from '../api/client'
import type { Answer } from '../api/client'

/** Who is signed in, as /api/auth/session, /api/auth/me and a sign-in answer it (the document's SignedIn). */
export type Me = NonNullable<Answer<'/api/auth/session'>['user']>

export const useSessionStore = defineStore('session', () => {
  const status = ref<'unknown' | 'signed-out' | 'signed-in' | 'error'>('unknown')
  const user = ref<Me | null>(null)
  onUnauthorized(() => { status.value = 'signed-out' })

  async function load() {
    try {
      // /session, not /me: it answers 200 with null when no one is signed in (a 401 is a console error).
      user.value = (await getJson('/api/auth/session')).user
      status.value = user.value ? 'signed-in' : 'signed-out'
    } catch {
      status.value = 'error'
    }
  }

  /**
   * Resolves to null when signed in, else the error's code (invalid_credentials, account_disabled,
   * second_factor_required — then ask for `otp` or `recoveryCode` and call again —, invalid_second_factor, …).
   */
  async function signIn(login: string, password: string, secondFactor: { otp?: string | undefined; recoveryCode?: string | undefined } = {}): Promise<string | null> {
    try {
      const res = await postJson('/api/auth/login', { login, password, ...secondFactor })
      user.value = res?.user ?? null
      status.value = 'signed-in'
      return null
    } catch (err) {
      return err instanceof ApiRequestError ? err.code : 'network'
    }
  }

  async function signOut() {
    await postJson('/api/auth/logout').catch(() => null)
    user.value = null
    status.value = 'signed-out'
  }

  /** May the signed-in principal read this metric? Yes until the session says otherwise (a wall's page has none). */
  const reads = (metric: MetricId) => user.value?.metrics?.includes(metric) ?? true

  return { status, user, load, signIn, signOut, reads }
})
