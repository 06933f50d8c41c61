/** Prometheus metrics of the server; internal to the server. */
package dev.agentconnector.server.metrics;
