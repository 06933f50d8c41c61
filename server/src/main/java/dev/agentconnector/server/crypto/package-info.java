/** Key handling, credential encryption and secret hashing; internal to the server. */
package dev.agentconnector.server.crypto;
