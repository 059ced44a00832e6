// Principals as the services see them (domain/actor.ts), for acting through a service where no API credential
// exists for the role yet: a county department's account (accounts gain their department in migration 8).
import type { ActingPrincipal } from '../../domain/actor'
import type { DepartmentId } from '../../domain/departments'

export const departmentActor = (department: DepartmentId): ActingPrincipal =>
  ({ key: `user:dept-${department}`, name: `演示·${department}`, role: 'department', township: null, grids: [], department })
