package dev.agentconnector.server.auth;

/**
 * Who is calling: an application of one organization, optionally limited to one workspace.
 *
 * @param organizationId the application's organization
 * @param applicationId  the application
 * @param workspaceName  the workspace a scoped token is limited to, or null for an application token
 */
public record Principal(String organizationId, String applicationId, String workspaceName) {
    /** True for an application token (not limited to a workspace). */
    public boolean isApplication() {
        return workspaceName == null;
    }

    /** Whether this caller may see objects of {@code workspace}. */
    public boolean canSee(String workspace) {
        return workspaceName == null || workspaceName.equals(workspace);
    }
}
