// The ports a failover run listens on, all within one range when it is given (a shared machine hands each user
// a range): HAProxy on the first, PostgreSQL's primary and standby in the next three (the primary's restart keeps
// its port), then one per API replica.
import { portIsFree } from '../pg-cluster'

export interface PortPlan {
  haproxy: number
  /** ONEMAP_PG_PORTS for the primary and the standby ("A-B"); undefined = any free port. */
  pgPorts?: string
  /** undefined = any free port. */
  replicas?: number[]
}

export async function portPlan(range: string | undefined, replicas: number): Promise<PortPlan> {
  if (range === undefined) return { haproxy: Number(process.env.PORT ?? 8787) }
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(range)
  const [first, last] = m ? [Number(m[1]), Number(m[2])] : [0, -1]
  const needed = 4 + replicas
  if (!m || first < 1 || last > 65535 || last - first + 1 < needed) {
    throw new Error(`--ports "${range}" must be a range A-B of at least ${needed} ports (HAProxy, three for PostgreSQL, ${replicas} replicas)`)
  }
  const plan = { haproxy: first, pgPorts: `${first + 1}-${first + 3}`, replicas: Array.from({ length: replicas }, (_, i) => first + 4 + i) }
  for (const port of [plan.haproxy, ...plan.replicas]) {
    if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use`)
  }
  return plan
}
