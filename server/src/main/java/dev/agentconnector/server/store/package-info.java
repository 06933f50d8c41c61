/** Tables of the service and the SQL that reads and writes them; internal to the server. */
package dev.agentconnector.server.store;
