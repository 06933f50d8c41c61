/** Connection pool, migrations and transactions over SQLite or PostgreSQL; internal to the server. */
package dev.agentconnector.server.db;
