package dev.agentconnector.runtime.error;

/** The connector was set up wrongly: missing credentials, a malformed URL, a bad option. */
public class ConfigurationException extends ConnectorException {
    public ConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "configuration_error";
    }
}
