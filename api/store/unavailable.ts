// The database cannot be used as it is — unreachable, missing PostGIS, a schema newer than the code, no right to
// migrate it — and the operator must act. The server and the command-line tools print the message and stop.
export class DatabaseUnavailable extends Error {}
