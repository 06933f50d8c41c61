/** Stored credentials, their checks and OAuth renewals, and the per-connector executors; internal to the server. */
package dev.agentconnector.server.connectors;
