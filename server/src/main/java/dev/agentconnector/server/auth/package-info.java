/** Stateless access tokens and the callers they describe; internal to the server. */
package dev.agentconnector.server.auth;
