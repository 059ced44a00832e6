// Request bodies of sign-in and account management. Strict objects, as in schemas.ts.
import { z } from 'zod'
import { DEPARTMENT_IDS } from './departments'
import { ROLE_IDS } from './roles'

export const LoginRequest = z.object({
  login: z.string().trim().min(1, 'login must not be empty').max(40, 'at most 40 characters'),
  password: z.string().min(1, 'password must not be empty').max(200, 'at most 200 characters'),
  // A second factor, when the account has one (always for an administrator): the authenticator's current code, or
  // one of the recovery codes printed at enrolment.
  otp: z.string().regex(/^\d{6}$/, 'otp: the 6 digits your authenticator app shows now').optional(),
  recoveryCode: z.string().trim().min(1, 'recoveryCode must not be empty').max(40, 'at most 40 characters').optional(),
}).strict().refine((r) => r.otp === undefined || r.recoveryCode === undefined, { message: 'send either otp or recoveryCode, not both', path: ['recoveryCode'] })
export type LoginRequest = z.infer<typeof LoginRequest>

export const TokenSessionRequest = z.object({
  token: z.string().min(1, 'token must not be empty').max(200, 'at most 200 characters'),
}).strict()

const scopeFields = {
  role: z.enum(ROLE_IDS),
  township: z.string().regex(/^\d{9}$/, 'township: a 9-digit township code, e.g. 330329100').nullable().optional(),
  grids: z.array(z.string().regex(/^\d{14}$/, 'grids: 14-digit grid codes')).max(50).optional(),
  // Only for role department, which needs it (domain/roles.ts scopeProblem says so with the fix).
  department: z.enum(DEPARTMENT_IDS, { error: `department: one of ${DEPARTMENT_IDS.join(', ')}` }).nullable().optional(),
}

export const UserCreate = z.object({
  login: z.string().trim().min(2).max(40),
  name: z.string().trim().min(1, 'name must not be empty').max(50),
  password: z.string().min(1).max(200),
  ...scopeFields,
}).strict()
export type UserCreate = z.infer<typeof UserCreate>

export const TokenCreate = z.object({
  name: z.string().trim().min(1, 'name must not be empty: say which device holds it').max(80),
  ...scopeFields,
}).strict()
export type TokenCreate = z.infer<typeof TokenCreate>
