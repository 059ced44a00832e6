// The one interface every store module speaks: SQL text in, rows out, asynchronously, on either engine — the
// embedded SQLite (sqlite-engine.ts) or PostgreSQL + PostGIS (postgres-engine.ts). The SQL is written once, in
// the part of the language both engines share; where they differ, dialect.ts gives the fragment for each.
//
// Parameters are named (`@name`, bound from an object) or positional (`?`, bound from an array). Rows come back
// with the column names the SELECT gave them (camelCase aliases are kept on both engines), numbers as numbers.
import type { Dialect } from './dialect'
import type { Following } from './postgres-follow'

export type Engine = 'sqlite' | 'postgres'

export type Params = Readonly<Record<string, unknown>> | readonly unknown[]

export type Row = Record<string, unknown>

export interface Sql {
  readonly engine: Engine
  readonly dialect: Dialect
  all<R = Row>(text: string, params?: Params): Promise<R[]>
  get<R = Row>(text: string, params?: Params): Promise<R | undefined>
  /** A write: how many rows it changed. */
  run(text: string, params?: Params): Promise<number>
  /** Several statements without parameters (migrations, maintenance). */
  exec(script: string): Promise<void>
  /**
   * Runs fn in one transaction: all of its statements land, or none do. Statements made anywhere inside fn (the
   * async context follows it) belong to it; a nested call joins the outer transaction. Keep fn to database work:
   * on SQLite no other statement runs until it ends.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Inside a transaction: waits until no other transaction holds the lock `name`, and holds it until this one
   * ends. Writers that must commit in the order they took a number (the change feed, the audit chain) take it
   * before taking the number. SQLite has one writer at a time anyway: there it costs nothing.
   */
  exclusive(name: string): Promise<void>
  /**
   * Inside a transaction: tells every process following `channel` that something was committed, once this
   * transaction commits (nothing if it rolls back). Once per transaction however often it is called: the
   * followers read what is new themselves, so one word per commit is enough. SQLite has one writing process,
   * whose own commit listeners hear it: there it does nothing.
   */
  announce(channel: string, payload: string): Promise<void>
  /**
   * Hears the announcements on `channel` of every process sharing the database (its own included), and once
   * more whenever the connection that listens is re-established, so nothing announced meanwhile is missed.
   * SQLite: nobody else writes, so it never calls `heard`.
   */
  follow(channel: string, heard: () => void): Promise<Following>
  /** Whether the calling async context is inside a transaction. */
  inTransaction(): boolean
  close(): Promise<void>
}
