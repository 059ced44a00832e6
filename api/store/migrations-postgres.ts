// placeholder until the PostgreSQL schema lands
export const POSTGRES_MIGRATIONS: string[] = ['', '', '', '', '']
