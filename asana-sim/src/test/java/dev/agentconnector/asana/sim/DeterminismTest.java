package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed gives the same data and credentials; another seed gives other ones. */
class DeterminismTest {

    private static String snapshot(AsanaSimulator sim) {
        SimHttp c = new SimHttp(sim.baseUrl(), sim.personalAccessToken());
        StringBuilder sb = new StringBuilder();
        sb.append(c.get("/workspaces/" + sim.workspaceGid() + "/projects?opt_fields=name,created_at,team.name")
                .body());
        sb.append(c.get("/projects/" + sim.fixtures().projectGid()
                + "/tasks?opt_fields=name,notes,assignee.email,due_on,created_at,completed,tags.name,followers")
                .body());
        sb.append(c.get("/tasks/" + sim.fixtures().taskGid() + "?opt_fields=name,subtasks,dependencies,dependents,"
                + "stories,created_at,modified_at,memberships.section.name").body());
        sb.append(c.get("/workspaces/" + sim.workspaceGid() + "/users?opt_fields=name,email").body());
        return sb.toString().replace(sim.origin(), "ORIGIN");
    }

    @Test
    void sameSeedSameEverything() {
        try (AsanaSimulator a = AsanaSimulator.builder().seed(7).build().start();
             AsanaSimulator b = AsanaSimulator.builder().seed(7).build().start()) {
            SimFixtures fa = a.fixtures();
            SimFixtures fb = b.fixtures();
            assertThat(fa.taskGid()).isEqualTo(fb.taskGid()).hasSize(16).containsOnlyDigits();
            assertThat(fa.projectGid()).isEqualTo(fb.projectGid());
            assertThat(fa.attachmentGid()).isEqualTo(fb.attachmentGid());
            assertThat(fa.otherUserGid()).isEqualTo(fb.otherUserGid());
            assertThat(a.workspaceGid()).isEqualTo(b.workspaceGid());
            assertThat(a.personalAccessToken()).isEqualTo(b.personalAccessToken());
            assertThat(a.clientId()).isEqualTo(b.clientId());
            assertThat(a.clientSecret()).isEqualTo(b.clientSecret());
            assertThat(a.refreshToken()).isEqualTo(b.refreshToken());
            assertThat(snapshot(a)).isEqualTo(snapshot(b));
        }
    }

    @Test
    void otherSeedOtherData() {
        AsanaSimulator a = AsanaSimulator.builder().seed(1).build();
        AsanaSimulator b = AsanaSimulator.builder().seed(2).build();
        assertThat(a.fixtures().taskGid()).isNotEqualTo(b.fixtures().taskGid());
        assertThat(a.personalAccessToken()).isNotEqualTo(b.personalAccessToken());
        a.close();
        b.close();
    }

    @Test
    void scaleMultipliesTheDataset() {
        AsanaSimulator small = AsanaSimulator.builder().build().start();
        AsanaSimulator large = AsanaSimulator.builder().scale(3).build().start();
        try {
            int smallProjects = new SimHttp(small.baseUrl(), small.personalAccessToken()).get("/projects").data()
                    .size();
            int largeProjects = new SimHttp(large.baseUrl(), large.personalAccessToken()).get("/projects").data()
                    .size();
            assertThat(smallProjects).isEqualTo(10);
            assertThat(largeProjects).isEqualTo(30);
        } finally {
            small.close();
            large.close();
        }
    }
}
