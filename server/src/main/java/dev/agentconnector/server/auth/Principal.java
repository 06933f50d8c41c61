package dev.agentconnector.server.auth;

/**
 * Who is calling: an application of one organization, optionally limited to one workspace.
 *
 * @param organizationId the application's organization
 * @param applicationId  the application
 * @param workspaceName  the workspace a scoped token is limited to, or null for an application token
 * @param readOnly       whether the token may only read: operations that create, update or delete are refused
 */
public record Principal(String organizationId, String applicationId, String workspaceName, boolean readOnly) {
    /** A caller that may read and write. */
    public Principal(String organizationId, String applicationId, String workspaceName) {
        this(organizationId, applicationId, workspaceName, false);
    }

    /** True for an application token (not limited to a workspace). */
    public boolean isApplication() {
        return workspaceName == null;
    }

    /** Whether this caller may see objects of {@code workspace}. */
    public boolean canSee(String workspace) {
        return workspaceName == null || workspaceName.equals(workspace);
    }
}
