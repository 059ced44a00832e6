// GET /api/queue: a county department's open work (api/services/queue.ts). The policy admits the department role
// alone; the principal's own department is the queue, so there is nothing to name and nothing outside to ask for.
import { Hono } from 'hono'
import type { DepartmentId } from '../../domain/departments'
import { actor, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import type { QueueService } from '../services/queue'

export function queueRoutes(service: QueueService) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    // A department account always has its department (domain/roles.ts scopeProblem refuses one without).
    const department = who(c).department as DepartmentId
    return c.json(await service.of(department, actor(c)))
  })
}
