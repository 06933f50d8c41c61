/** Routing, request parsing, error bodies and the request log over the JDK HTTP server; internal to the server. */
package dev.agentconnector.server.http;
