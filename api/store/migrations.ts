// Versioned schema migrations, applied in order at start inside one transaction each; the database holds the
// applied version (SQLite: PRAGMA user_version; PostgreSQL: the schema_version table). Each number is one step
// in both dialects: the SQLite text below, the PostgreSQL text in migrations-postgres.ts. Never edit a shipped
// migration: add the next one, to both.
//
// Times are epoch milliseconds (INTEGER) throughout, as in domain/. Points are WGS84 lng/lat; the CRS the client
// sent is kept in crs_in. Township, village and grid are assigned at intake and stored, so every regional query
// is an index range, not a spatial join. "Overdue" is never stored: it is derived from deadlines and `now`.
import { POSTGRES_MIGRATIONS } from './migrations-postgres'

const SQLITE_MIGRATIONS: string[] = [
  /* 1: the governance records */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL, category TEXT NOT NULL, module TEXT NOT NULL, department TEXT NOT NULL,
    on_list INTEGER NOT NULL, list_item TEXT,
    source TEXT NOT NULL, severity TEXT NOT NULL,
    lng REAL NOT NULL, lat REAL NOT NULL, crs_in TEXT NOT NULL,
    township TEXT NOT NULL, village TEXT NOT NULL, grid TEXT NOT NULL,
    description TEXT NOT NULL,
    reporter_name TEXT, reporter_phone TEXT,
    status TEXT NOT NULL,
    reported_at INTEGER NOT NULL, accepted_at INTEGER, dispatched_at INTEGER, started_at INTEGER,
    resolved_at INTEGER, verified_at INTEGER, returned_at INTEGER, supervised_at INTEGER,
    accept_by INTEGER NOT NULL, resolve_by INTEGER NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX incidents_time ON incidents (reported_at);
  CREATE INDEX incidents_township_time ON incidents (township, reported_at);
  CREATE INDEX incidents_village_time ON incidents (village, reported_at);
  CREATE INDEX incidents_grid_time ON incidents (grid, reported_at);
  CREATE INDEX incidents_status ON incidents (status, resolve_by);
  CREATE INDEX incidents_lng_lat ON incidents (lng, lat);

  CREATE TABLE incident_events (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    at INTEGER NOT NULL, action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT
  ) STRICT;
  CREATE INDEX incident_events_incident ON incident_events (incident_id, at);

  CREATE TABLE disputes (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL, level TEXT NOT NULL, method TEXT NOT NULL, risk TEXT NOT NULL,
    cross_region INTEGER NOT NULL, mediator TEXT NOT NULL,
    lng REAL NOT NULL, lat REAL NOT NULL, crs_in TEXT NOT NULL,
    township TEXT NOT NULL, village TEXT NOT NULL, grid TEXT NOT NULL,
    summary TEXT NOT NULL,
    parties TEXT NOT NULL, -- JSON [{ name, phone, idNumber? }]: personal data, masked for walls
    status TEXT NOT NULL,
    accepted_at INTEGER NOT NULL, level_accepted_at INTEGER NOT NULL, started_at INTEGER, closed_at INTEGER,
    deadline INTEGER NOT NULL, -- of the current level: level_accepted_at + the level's limit (domain/dispute.ts)
    escalations INTEGER NOT NULL DEFAULT 0,
    synthetic INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX disputes_time ON disputes (accepted_at);
  CREATE INDEX disputes_township_time ON disputes (township, accepted_at);
  CREATE INDEX disputes_grid_time ON disputes (grid, accepted_at);
  CREATE INDEX disputes_status ON disputes (status, deadline);

  CREATE TABLE dispute_events (
    id INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes (id),
    at INTEGER NOT NULL, action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL,
    from_level TEXT, to_level TEXT, note TEXT
  ) STRICT;
  CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at);

  CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL, name TEXT NOT NULL, grade TEXT NOT NULL, department TEXT NOT NULL,
    lng REAL NOT NULL, lat REAL NOT NULL,
    township TEXT NOT NULL, village TEXT NOT NULL, grid TEXT NOT NULL,
    registered_at INTEGER NOT NULL, last_inspection_at INTEGER, next_inspection_due INTEGER NOT NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sites_township ON sites (township);
  CREATE INDEX sites_grid ON sites (grid);
  CREATE INDEX sites_due ON sites (next_inspection_due);

  CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    at INTEGER NOT NULL, result TEXT NOT NULL, mobile INTEGER NOT NULL, off_site INTEGER NOT NULL, note TEXT,
    penalty_yuan INTEGER
  ) STRICT;
  CREATE INDEX inspections_site ON inspections (site_id, at);
  CREATE INDEX inspections_time ON inspections (at);

  CREATE TABLE site_warnings (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    raised_at INTEGER NOT NULL, cleared_at INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL
  ) STRICT;
  CREATE INDEX site_warnings_open ON site_warnings (site_id) WHERE cleared_at IS NULL;

  CREATE TABLE whistles (
    id INTEGER PRIMARY KEY,
    township TEXT NOT NULL, department TEXT NOT NULL, incident_id INTEGER REFERENCES incidents (id),
    kind TEXT NOT NULL, -- what the call is for, e.g. joint-enforcement (联合执法) or livelihood (民生事项)
    reason TEXT NOT NULL, urgent INTEGER NOT NULL,
    status TEXT NOT NULL,
    whistled_at INTEGER NOT NULL, acknowledged_at INTEGER, arrived_at INTEGER, closed_at INTEGER,
    rating INTEGER,
    synthetic INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX whistles_time ON whistles (whistled_at);
  CREATE INDEX whistles_township_time ON whistles (township, whistled_at);
  CREATE INDEX whistles_status ON whistles (status);
  CREATE INDEX whistles_department ON whistles (department, whistled_at);

  CREATE TABLE whistle_events (
    id INTEGER PRIMARY KEY,
    whistle_id INTEGER NOT NULL REFERENCES whistles (id),
    at INTEGER NOT NULL, action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT
  ) STRICT;
  CREATE INDEX whistle_events_whistle ON whistle_events (whistle_id, at);

  -- Reference records that are counts, not events: stationed staff, flexible posts, service points.
  -- synthetic = 1: the article gives the totals (287; 21 in 12 townships), the split by township is generated.
  CREATE TABLE stationed_staff (
    township TEXT NOT NULL, domain TEXT NOT NULL, staff INTEGER NOT NULL, synthetic INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (township, domain)
  ) STRICT;
  CREATE TABLE flexible_posts (
    township TEXT PRIMARY KEY, posts INTEGER NOT NULL, synthetic INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE service_points (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    lng REAL NOT NULL, lat REAL NOT NULL, township TEXT NOT NULL, village TEXT, synthetic INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  -- Figures the records do not carry (e.g. 80% of applications accepted online), per scope and period.
  CREATE TABLE indicators (
    id TEXT NOT NULL, scope TEXT NOT NULL, period_from INTEGER NOT NULL, period_to INTEGER NOT NULL,
    value REAL NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (id, scope, period_from)
  ) STRICT;

  -- Idempotency keys: a retried POST returns the first result.
  CREATE TABLE idempotency (
    key TEXT NOT NULL, route TEXT NOT NULL, request_hash TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, location TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (key, route)
  ) STRICT;

  -- The change feed behind /api/stream: ids are monotonic and survive restarts, so Last-Event-ID resumes.
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL, kind TEXT NOT NULL, entity_id INTEGER, township TEXT, payload TEXT NOT NULL
  ) STRICT;

  -- Metrics (api/store/metrics.ts). Covering indexes, so the period aggregates read the index and never the
  -- wide rows: by time for the county and by township and time (both with the filter-bar columns, so filtered
  -- figures stay in the index too), by grid and time for the grid choropleth. (incidents_time, _township_time and
  -- _grid_time above are now prefixes of these.) Open incidents are a small set whatever the history's size: a
  -- partial index over them serves open/overdue; queries must repeat its WHERE term exactly to use it.
  CREATE INDEX incidents_metrics_time ON incidents
    (reported_at, township, status, on_list, resolved_at, category, module, department, source, severity, type);
  CREATE INDEX incidents_metrics_township ON incidents
    (township, reported_at, status, on_list, resolved_at, category, module, department, source, severity, type);
  CREATE INDEX incidents_metrics_grid ON incidents (grid, reported_at, status, on_list, resolved_at);
  CREATE INDEX incidents_open ON incidents (grid, status, accept_by, resolve_by)
    WHERE status IN ('reported', 'accepted', 'dispatched', 'handling');

  -- Incidents per local day (UTC+8) × township × status × on-list, kept by triggers in the writing transaction,
  -- so it always equals a GROUP BY over the raw rows. County and township summaries and series over whole days
  -- read it (a year is ~100k rows, not 1M); partial days and finer filters read the raw rows.
  -- handled/handling_ms: rows with resolved_at set, and their summed resolved_at − reported_at.
  CREATE TABLE incident_days (
    day INTEGER NOT NULL, township TEXT NOT NULL, status TEXT NOT NULL, on_list INTEGER NOT NULL,
    n INTEGER NOT NULL, handled INTEGER NOT NULL, handling_ms INTEGER NOT NULL,
    PRIMARY KEY (day, township, status, on_list)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER incident_days_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_days VALUES (new.reported_at - (new.reported_at + 28800000) % 86400000, new.township,
      new.status, new.on_list, 1, new.resolved_at IS NOT NULL, coalesce(new.resolved_at - new.reported_at, 0))
    ON CONFLICT DO UPDATE SET n = n + 1, handled = handled + excluded.handled, handling_ms = handling_ms + excluded.handling_ms;
  END;
  CREATE TRIGGER incident_days_delete AFTER DELETE ON incidents BEGIN
    UPDATE incident_days SET n = n - 1, handled = handled - (old.resolved_at IS NOT NULL),
      handling_ms = handling_ms - coalesce(old.resolved_at - old.reported_at, 0)
    WHERE day = old.reported_at - (old.reported_at + 28800000) % 86400000 AND township = old.township
      AND status = old.status AND on_list = old.on_list;
  END;
  CREATE TRIGGER incident_days_update AFTER UPDATE OF reported_at, township, status, on_list, resolved_at ON incidents BEGIN
    UPDATE incident_days SET n = n - 1, handled = handled - (old.resolved_at IS NOT NULL),
      handling_ms = handling_ms - coalesce(old.resolved_at - old.reported_at, 0)
    WHERE day = old.reported_at - (old.reported_at + 28800000) % 86400000 AND township = old.township
      AND status = old.status AND on_list = old.on_list;
    INSERT INTO incident_days VALUES (new.reported_at - (new.reported_at + 28800000) % 86400000, new.township,
      new.status, new.on_list, 1, new.resolved_at IS NOT NULL, coalesce(new.resolved_at - new.reported_at, 0))
    ON CONFLICT DO UPDATE SET n = n + 1, handled = handled + excluded.handled, handling_ms = handling_ms + excluded.handling_ms;
  END;
  `,

  /* 2: fewer incident indexes to write. Every intake writes every index of incidents (one more B-tree page to
     find, change and log per index and commit). These two are exact prefixes of covering metric indexes of
     migration 1: (township, reported_at) of incidents_metrics_township and (grid, reported_at) of
     incidents_metrics_grid. EXPLAIN QUERY PLAN of the API's real list and metric queries on the 1M benchmark
     database (bench/index-audit.ts) shows the planner taking the covering index, on the same ranges, for every
     query that used one of them. incidents_time stays although it is a prefix too: without it the planner
     sorts the whole table for the newest 2 or 3 incidents (`?limit=2`: 2.4 s at 1M, measured). */ `
  DROP INDEX incidents_township_time;
  DROP INDEX incidents_grid_time;
  `,

  /* 3: who may do what (sign-in and roles): accounts, sessions, device tokens, the audit log; grid on change-feed events */ `
  -- People. password is 'scrypt$N$r$p$salt$hash' (api/auth/passwords.ts), salt per user. township: the township a
  -- township officer or grid worker belongs to; grids: JSON array of grid codes for a grid worker.
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    township TEXT, grids TEXT NOT NULL DEFAULT '[]',
    password TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
  ) STRICT;

  -- Devices (wall screens, intake apps). Only SHA-256 of the secret is kept: a copy of the database lets no one in.
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    township TEXT, grids TEXT NOT NULL DEFAULT '[]',
    secret_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL, last_used_at INTEGER, revoked_at INTEGER
  ) STRICT;

  -- Signed-in browsers. id_hash = SHA-256 of the cookie value. A session belongs to a user (sign-in) or to a token
  -- (a wall that exchanged its token for a cookie: revoking the token ends the session).
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users (id),
    token_id INTEGER REFERENCES api_tokens (id),
    created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, -- sliding: last use + the idle limit, never past absolute_at
    absolute_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (token_id IS NULL))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE INDEX sessions_user ON sessions (user_id);

  -- Every write request, accepted or refused. actor is the login or token name (or the login attempted when
  -- signing in failed); role null when nobody was signed in.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT, actor_kind TEXT, role TEXT,
    method TEXT NOT NULL, path TEXT NOT NULL, target TEXT,
    detail TEXT, -- what the write asked for beyond its path, e.g. the transition's action
    status INTEGER NOT NULL,
    remote TEXT
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log (at);

  -- The stream is filtered per principal (a grid worker sees only their grids' events).
  ALTER TABLE events ADD COLUMN grid TEXT;
  `,

  /* 4: a second factor (TOTP, RFC 6238) for people who sign in; administrators must have one */ `
  -- secret: the base32 TOTP key, sealed with TOTP_KEY ('gcm1:…', api/auth/secret-box.ts) so a copy of the database
  -- alone does not give the codes; 'plain:…' only for the demo administrator's published key. last_step: the last
  -- accepted 30-s time step, so a code is accepted once (RFC 6238 §5.2).
  CREATE TABLE second_factors (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    secret TEXT NOT NULL,
    last_step INTEGER,
    enrolled_at INTEGER NOT NULL
  ) STRICT;
  -- Single-use recovery codes: SHA-256 only (80 random bits each need no slow hash); used_at once spent.
  CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
  ) STRICT, WITHOUT ROWID;
  `,

  /* 5: a tamper-evident audit log. Each row carries the previous row's hash and its own (api/store/audit-chain.ts
     says the encoding); rows written before this migration are chained once at start (chainExistingAuditRows in
     api/store/audit.ts). count: how many requests a row stands for (1, or a minute's refused anonymous writes
     from one address). */ `
  ALTER TABLE audit_log ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
  ALTER TABLE audit_log ADD COLUMN hash TEXT;

  -- Where the chain starts after a prune: the id and hash of the last row removed. One row at most.
  CREATE TABLE audit_anchor (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    last_id INTEGER NOT NULL, hash TEXT NOT NULL, pruned_at INTEGER NOT NULL
  ) STRICT;

  -- Refused anonymous writes of the minute still running, per address ('' when unknown): counted here and chained
  -- into audit_log as one row once their minute has closed, so the chain never holds a row that still changes.
  CREATE TABLE audit_pending (
    remote TEXT NOT NULL, minute INTEGER NOT NULL,
    at INTEGER NOT NULL, count INTEGER NOT NULL,
    method TEXT NOT NULL, path TEXT NOT NULL,
    statuses TEXT NOT NULL, -- JSON { "401": n, … }
    logins TEXT NOT NULL,   -- JSON [the distinct logins tried, at most 10]
    PRIMARY KEY (remote, minute)
  ) STRICT;
  CREATE INDEX audit_pending_minute ON audit_pending (minute);
  `,

  /* 6: every regional record carries its county's code, so several counties can share one database later without
     rewriting rows. There is no regions table: regions come from the geodata/ files, and a region's code starts
     with its county's 6 digits (domain/regions.ts countyOf), so regions carry their county already. counties
     lists the counties this database holds. The API sets county from the record's township (countyOf) on every
     insert; the CHECK holds it to that rule, so a row can never claim a county its township is not in.

     No REFERENCES counties: SQLite refuses ADD COLUMN with REFERENCES and a non-NULL default on a table that has
     rows while foreign keys are enforced ("Cannot add a REFERENCES column with non-NULL default value"), and the
     migrations run with them on, each inside a transaction where PRAGMA foreign_keys cannot change. A table
     rebuild cannot replace a parent table there either: a renamed parent takes its children's foreign keys
     along. PostgreSQL could, but both dialects keep the same constraints.

     DEFAULT '330329': the county of every row written before this migration (this database held 泰顺县 alone).
     ADD COLUMN with a constant default changes no stored row in either engine: old rows read the default. It is
     no fallback for new rows: an insert of another county's record that left county out would fail the CHECK.

     No index on county: no query filters by it while one county is stored (every regional query is by township,
     village or grid code, which already starts with the county's). */ `
  CREATE TABLE counties (code TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT;
  INSERT INTO counties (code, name) VALUES ('330329', '泰顺县');

  ALTER TABLE incidents ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT incidents_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE disputes ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT disputes_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE sites ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT sites_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE whistles ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT whistles_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE stationed_staff ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT stationed_staff_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE flexible_posts ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT flexible_posts_county_of_township CHECK (county = substr(township, 1, 6));
  ALTER TABLE service_points ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT service_points_county_of_township CHECK (county = substr(township, 1, 6));
  -- An indicator's scope is a region code of any level, the county's own included.
  ALTER TABLE indicators ADD COLUMN county TEXT NOT NULL DEFAULT '330329'
    CONSTRAINT indicators_county_of_scope CHECK (county = substr(scope, 1, 6));
  `,
  /* 7: acting on incidents. An incident is assigned (交办) to a department, its township or one of its grids
     (assignee_kind, assignee_code: domain/assignee.ts); the assignee signs for it (签收, signed_at) and may ask for
     more time (申请延期: extension_until, extension_note, extension_requested_at, cleared once decided). An approved
     extension moves resolve_by itself, so every overdue rule keeps reading one stored deadline.
     Every history row says who acted: actor (the principal's key, 'user:ID' or 'token:ID'), actor_name (the display
     name then: an account renamed later does not rewrite history) and actor_role. Rows from before are NULL: the
     answers say "before actors were recorded". incident_events.detail: JSON text of what the action took besides
     its note (the assignee, the requested date, the supervision level). A site warning records who raised it
     (actor, NULL for a device) and who cleared it (cleared_by). All nullable, no default: old rows change not. */ `
  ALTER TABLE incidents ADD COLUMN assignee_kind TEXT;
  ALTER TABLE incidents ADD COLUMN assignee_code TEXT;
  ALTER TABLE incidents ADD COLUMN signed_at INTEGER;
  ALTER TABLE incidents ADD COLUMN extension_until INTEGER;
  ALTER TABLE incidents ADD COLUMN extension_note TEXT;
  ALTER TABLE incidents ADD COLUMN extension_requested_at INTEGER;
  ALTER TABLE incident_events ADD COLUMN actor TEXT;
  ALTER TABLE incident_events ADD COLUMN actor_name TEXT;
  ALTER TABLE incident_events ADD COLUMN actor_role TEXT;
  ALTER TABLE dispute_events ADD COLUMN actor TEXT;
  ALTER TABLE dispute_events ADD COLUMN actor_name TEXT;
  ALTER TABLE dispute_events ADD COLUMN actor_role TEXT;
  ALTER TABLE whistle_events ADD COLUMN actor TEXT;
  ALTER TABLE whistle_events ADD COLUMN actor_name TEXT;
  ALTER TABLE whistle_events ADD COLUMN actor_role TEXT;
  ALTER TABLE inspections ADD COLUMN actor TEXT;
  ALTER TABLE inspections ADD COLUMN actor_name TEXT;
  ALTER TABLE inspections ADD COLUMN actor_role TEXT;
  ALTER TABLE site_warnings ADD COLUMN actor TEXT;
  ALTER TABLE site_warnings ADD COLUMN actor_name TEXT;
  ALTER TABLE site_warnings ADD COLUMN actor_role TEXT;
  ALTER TABLE site_warnings ADD COLUMN cleared_by TEXT;
  ALTER TABLE site_warnings ADD COLUMN cleared_by_name TEXT;
  ALTER TABLE site_warnings ADD COLUMN cleared_by_role TEXT;
  ALTER TABLE incident_events ADD COLUMN detail TEXT;
  `,

  /* 8: county departments sign in. A department account (users or device tokens, role 'department') is bound to
     one department id (domain/departments.ts); every other role has none. The API checks the pairing
     (domain/roles.ts scopeProblem); the column itself stays a plain nullable text, as township is.
     events.department: the department a change-feed event belongs to (a whistle call's; an incident's when it is
     assigned to a department), so the stream can hand a department its own events without reading the payload.
     incidents_department_queue: a department's open incidents (GET /api/queue) as an index range. Partial on
     department assignees, so an intake (no assignee yet) writes no entry; the queue's query repeats its WHERE
     terms exactly (api/store/queue.ts), which SQLite needs to use a partial index. */ `
  ALTER TABLE users ADD COLUMN department TEXT;
  ALTER TABLE api_tokens ADD COLUMN department TEXT;
  ALTER TABLE events ADD COLUMN department TEXT;
  CREATE INDEX incidents_department_queue ON incidents (assignee_code)
    WHERE status IN ('reported', 'accepted', 'dispatched', 'handling') AND assignee_kind = 'department';
  `,

  /* 9: calling residents back (回访, domain/callback.ts). 核查 passing draws whether a case is called back; if so a
     task row is made: owner is who calls (the township, or the county centre for a case the county dispatched),
     the assignee columns whose work the answer judges (the incident's assignee when it was verified: a later 转办
     does not move an old verdict), due_by the limit in working days from created_at. result is NULL while the call
     is awaited, then satisfied | basicallySatisfied | dissatisfied, with done_at, note and who recorded it.
     dissatisfied sends the case back to its assignee (重办); when it is verified again, a new task may be drawn,
     so an incident may have several rows, one per verification. */ `
  CREATE TABLE callbacks (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    county TEXT NOT NULL, township TEXT NOT NULL,
    owner TEXT NOT NULL,
    assignee_kind TEXT, assignee_code TEXT,
    created_at INTEGER NOT NULL, due_by INTEGER NOT NULL,
    result TEXT, note TEXT, done_at INTEGER,
    actor TEXT, actor_name TEXT, actor_role TEXT,
    synthetic INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX callbacks_incident ON callbacks (incident_id);
  CREATE INDEX callbacks_awaited ON callbacks (township, due_by) WHERE result IS NULL;
  CREATE INDEX callbacks_created ON callbacks (created_at);
  `,

  /* 10: warnings (研判预警, domain/alerts/). An alert is what a rule found about one subject: the key it is kept
     under (the rule, then what it is about: a grid and a category, a whistle call, a site …), so an evaluation
     that finds it again updates the open row (level, evidence, last_seen_at) instead of raising a second one —
     alerts_open_subject holds that even against two evaluators racing (alerts_subject finds a subject's closed ones).
     status: new | acknowledged | handling
     (open) | cleared | falseAlarm (closed, with closed_at and close_reason). township and grid say whose it is
     (NULL above them: a department's repeat is the county's); lng/lat a point for a place or a site, else NULL
     (the map draws the grid). evidence: JSON text { recordKind, recordIds, observed, expected, p, count, window … }
     as the rule judged at last_seen_at; params_version the rule's parameters then (alert_rule_params, 0 =
     the defaults). alert_events: the history, actors as in the other *_events tables (NULL for the evaluator's
     own steps: raise, level changes, the automatic clear); detail JSON text (levels, snooze hours).
     alert_rule_params: every version of a rule's parameters an administrator set, the newest in force.
     alert_snoozes: 暂缓 — no alert of the rule about the subject is raised or announced until `until`. */ `
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL, level TEXT NOT NULL, status TEXT NOT NULL,
    subject TEXT NOT NULL,
    county TEXT NOT NULL, township TEXT, grid TEXT,
    lng REAL, lat REAL,
    evidence TEXT NOT NULL,
    params_version INTEGER NOT NULL,
    raised_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
    closed_at INTEGER, close_reason TEXT,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX alerts_open_subject ON alerts (subject) WHERE status IN ('new', 'acknowledged', 'handling');
  CREATE INDEX alerts_subject ON alerts (subject, id);
  CREATE INDEX alerts_raised ON alerts (raised_at);
  CREATE INDEX alerts_township_raised ON alerts (township, raised_at);

  CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts (id),
    at INTEGER NOT NULL, action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT, detail TEXT,
    actor TEXT, actor_name TEXT, actor_role TEXT
  ) STRICT;
  CREATE INDEX alert_events_alert ON alert_events (alert_id, at);

  CREATE TABLE alert_rule_params (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL, version INTEGER NOT NULL, params TEXT NOT NULL, at INTEGER NOT NULL,
    actor TEXT, actor_name TEXT, actor_role TEXT,
    UNIQUE (rule, version)
  ) STRICT;

  CREATE TABLE alert_snoozes (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL, subject TEXT NOT NULL, until INTEGER NOT NULL, at INTEGER NOT NULL,
    actor TEXT, actor_name TEXT, actor_role TEXT
  ) STRICT;
  CREATE INDEX alert_snoozes_subject ON alert_snoozes (subject, until);
  `,
  // 11: the leader's PDF briefings, rendered daily by the schedule or on request, kept BRIEFING_KEEP_DAYS. The PDF
  // is in the row: one file to back up, and every API process can serve what another rendered.
  `
  CREATE TABLE briefings (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER NOT NULL, as_of INTEGER NOT NULL, lang TEXT NOT NULL,
    kind TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
    bytes BLOB NOT NULL, size INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX briefings_scope_created ON briefings (scope, created_at);
  CREATE INDEX briefings_created ON briefings (created_at);
  `,
  // 12: case merges (一件事) — repeated reports of one matter linked into one case under a primary incident.
  // A merge is a row of its own (who, when, the note; and once undone, who undid it and when), and its incidents
  // are rows of case_members (the primary among them, is_primary = 1) rather than a column on incidents: the link
  // keeps its history (merged_at, undone_at), so figures and rules read as of an earlier instant see the cases as
  // they stood then, and an undo leaves the record of what was merged. undone_at is copied onto the members so one
  // partial unique index says that an incident is in one live case at most, whatever two merges race.
  `
  CREATE TABLE case_merges (
    id INTEGER PRIMARY KEY,
    primary_id INTEGER NOT NULL REFERENCES incidents (id),
    township TEXT NOT NULL, category TEXT NOT NULL,
    note TEXT,
    merged_at INTEGER NOT NULL, actor TEXT, actor_name TEXT, actor_role TEXT,
    undone_at INTEGER, undo_note TEXT, undone_by TEXT, undone_by_name TEXT, undone_by_role TEXT
  ) STRICT;
  CREATE INDEX case_merges_primary ON case_merges (primary_id);

  CREATE TABLE case_members (
    merge_id INTEGER NOT NULL REFERENCES case_merges (id),
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    is_primary INTEGER NOT NULL,
    merged_at INTEGER NOT NULL, undone_at INTEGER,
    PRIMARY KEY (merge_id, incident_id)
  ) STRICT;
  CREATE UNIQUE INDEX case_members_live ON case_members (incident_id) WHERE undone_at IS NULL;
  CREATE INDEX case_members_incident ON case_members (incident_id, merged_at);
  `,
  // 13: record imports — `npm run import -- records` keys each row by the county's own id
  // (external_id, unique per kind where set), so a second run of a file updates or leaves its records instead of
  // adding them again; each run is a batch (import_batches), and each record it added or changed a row of
  // import_batch_rows: what it was before (JSON of the columns written, for a change) and the updated_at the batch
  // left, so an undo can tell a record that has moved on since from one it may take back.
  `
  ALTER TABLE incidents ADD COLUMN external_id TEXT;
  CREATE UNIQUE INDEX incidents_external_id ON incidents (external_id) WHERE external_id IS NOT NULL;
  ALTER TABLE disputes ADD COLUMN external_id TEXT;
  CREATE UNIQUE INDEX disputes_external_id ON disputes (external_id) WHERE external_id IS NOT NULL;
  ALTER TABLE sites ADD COLUMN external_id TEXT;
  CREATE UNIQUE INDEX sites_external_id ON sites (external_id) WHERE external_id IS NOT NULL;

  CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, source TEXT NOT NULL, command TEXT NOT NULL, actor TEXT NOT NULL,
    started_at INTEGER NOT NULL, finished_at INTEGER,
    added INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    undone_at INTEGER
  ) STRICT;

  CREATE TABLE import_batch_rows (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches (id),
    record_table TEXT NOT NULL, record_id INTEGER NOT NULL,
    action TEXT NOT NULL, -- added | changed
    before TEXT, -- changed: JSON of the written columns as they were, updated_at included
    left_at INTEGER NOT NULL, -- the record's updated_at as the batch left it
    undone_at INTEGER
  ) STRICT;
  CREATE INDEX import_batch_rows_batch ON import_batch_rows (batch_id, id);
  CREATE INDEX import_batch_rows_record ON import_batch_rows (record_table, record_id);
  -- Removing an incident checks that no whistle call refers to it: by this index, not a scan per incident.
  CREATE INDEX whistles_incident ON whistles (incident_id);
  `,
  // 14: boundary versions (npm run import -- boundaries). Each import of a level's polygons is a new row, never an
  // edit: the version in force at a moment is the newest valid_from ≤ that moment (ties: the later import), so the
  // locator can place a record by the boundaries of its own time and an import with a future date waits its turn.
  // The GeoJSON is in the row (WGS84, as the built files): one file to back up, every API process reads the same.
  `
  CREATE TABLE boundary_versions (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL, valid_from INTEGER NOT NULL,
    geojson TEXT NOT NULL, features INTEGER NOT NULL,
    source TEXT NOT NULL, report TEXT NOT NULL,
    created_at INTEGER NOT NULL, created_by TEXT NOT NULL
  ) STRICT;
  CREATE INDEX boundary_versions_level_from ON boundary_versions (level, valid_from, id);
  `,
  // 15: indexes for figures and rules at 1M incidents. 回访率 counts the incidents verified in the period and the
  // tasks drawn and answered in it; a county summary spent 0.56 s scanning for them. Verified incidents by
  // verified_at; tasks by created_at or done_at with their result beside it, so the count reads the index alone
  // (callbacks_created is superseded by the first). The spike rule's baseline counts one township's reports of a
  // category per grid over 9 weeks after every report: (township, category, reported_at, grid) answers it from the
  // index alone (罗阳镇, 1M: 142 ms through incidents_metrics_township, 19 ms).
  `
  CREATE INDEX incidents_township_category_time ON incidents (township, category, reported_at, grid);
  CREATE INDEX incidents_verified ON incidents (verified_at) WHERE verified_at IS NOT NULL;
  CREATE INDEX callbacks_created_result ON callbacks (created_at, result);
  CREATE INDEX callbacks_done_result ON callbacks (done_at, result) WHERE done_at IS NOT NULL;
  DROP INDEX callbacks_created;
  `,
  // 16: the same figures for one township. A township's 回访率 at 1M incidents (罗阳镇, half of them) took 2 s on
  // SQLite and 0.4 s on PostgreSQL: the verified count read every verified incident of the county from the table
  // to check its township, and the call-back counts looked up each task's incident for it. The township now sits
  // in the indexes beside the time and result, so a township's counts read the indexes alone: a task carries its
  // incident's township (written when it is drawn, moved with the incident by a boundary reassign), which the
  // call-back figures filter on instead of joining incidents.
  `
  DROP INDEX incidents_verified;
  CREATE INDEX incidents_verified_township ON incidents (verified_at, township) WHERE verified_at IS NOT NULL;
  DROP INDEX callbacks_created_result;
  CREATE INDEX callbacks_created_township ON callbacks (created_at, result, township);
  DROP INDEX callbacks_done_result;
  CREATE INDEX callbacks_done_township ON callbacks (done_at, result, township) WHERE done_at IS NOT NULL;
  `,
]

export interface Migration { sqlite: string; postgres: string }

export const MIGRATIONS: readonly Migration[] = SQLITE_MIGRATIONS.map((sqlite, i) => {
  const postgres = POSTGRES_MIGRATIONS[i]
  if (postgres === undefined) throw new Error(`migration ${i + 1} has no PostgreSQL text (migrations-postgres.ts)`)
  return { sqlite, postgres }
})
if (POSTGRES_MIGRATIONS.length !== SQLITE_MIGRATIONS.length) throw new Error('migrations-postgres.ts has a step SQLite lacks')

/** What a server says about a database migrated by a newer server than itself. */
export const newerSchema = (version: number) =>
  `the database's schema is version ${version}, newer than this server knows (${MIGRATIONS.length}): run the newer server, or restore a backup made for this one`

/** Tables whose rows the migrations themselves write (reference data), in both engines: not the seed's data. */
export const FILLED_BY_MIGRATIONS: ReadonlySet<string> = new Set(['counties'])
