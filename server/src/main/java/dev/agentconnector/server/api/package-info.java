/** The REST endpoints of the hosted execution service; internal to the server. */
package dev.agentconnector.server.api;
