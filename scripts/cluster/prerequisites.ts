// What a cluster needs from Debian: PostgreSQL 15 (with pg_basebackup for the standby), PostGIS 3 and HAProxy.
// Nothing is installed silently: when a part is missing the one install command is printed, and run only when
// this process is root (as scripts/ensure-chromium.mjs does for the browser); otherwise the start stops there.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PG_BIN, POSTGIS_CONTROL } from '../pg-cluster'

export const HAPROXY = '/usr/sbin/haproxy'
export const INSTALL = 'apt-get install -y --no-install-recommends postgresql postgresql-15-postgis-3 haproxy'

export function missingPrerequisites(): string[] {
  const needed = [...['initdb', 'pg_ctl', 'postgres', 'pg_basebackup'].map((p) => join(PG_BIN, p)), POSTGIS_CONTROL, HAPROXY]
  return needed.filter((path) => !existsSync(path))
}

/** Returns when everything is there (installing it first when root); throws with the command otherwise. */
export function ensurePrerequisites(log: (line: string) => void): void {
  const missing = missingPrerequisites()
  if (!missing.length) return
  if (process.getuid?.() !== 0) {
    throw new Error(`A cluster needs PostgreSQL 15, PostGIS 3 and HAProxy (missing ${missing.join(', ')}). Install them with:\n  sudo ${INSTALL}`)
  }
  log(`A cluster needs PostgreSQL 15, PostGIS 3 and HAProxy (missing ${missing.join(', ')}); installing:\n  ${INSTALL}`)
  // A fresh machine has no package lists yet: the install alone would find nothing.
  execSync(`apt-get update && ${INSTALL}`, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const still = missingPrerequisites()
  if (still.length) throw new Error(`still missing after the install: ${still.join(', ')}`)
}
