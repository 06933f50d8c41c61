package dev.agentconnector.asana.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** User ids given as {@code me}, as an email or as a gid. */
class UsersTest extends SimTestBase {

    @Test
    void meEmailAndGidNameTheSameUser() {
        String byMe = api.get("/users/me").data().get("gid").asText();
        String byEmail = api.get("/users/" + fx.meEmail()).data().get("gid").asText();
        String byEncodedEmail = api.get("/users/" + fx.meEmail().replace("@", "%40")).data().get("gid").asText();
        String byGid = api.get("/users/" + fx.meGid()).data().get("gid").asText();
        assertThat(byMe).isEqualTo(fx.meGid()).isEqualTo(byEmail).isEqualTo(byGid).isEqualTo(byEncodedEmail);
        assertThat(api.get("/users/" + fx.meEmail().toUpperCase()).data().get("gid").asText()).isEqualTo(fx.meGid());
    }

    @Test
    void meWorksInTeamsAndTaskFilters() {
        assertThat(api.get("/users/" + fx.meEmail() + "/teams?organization=" + sim.workspaceGid()).data())
                .isNotEmpty();
        var mine = api.get("/tasks?assignee=me&workspace=" + sim.workspaceGid() + "&opt_fields=assignee").data();
        assertThat(mine).isNotEmpty();
        mine.forEach(t -> assertThat(t.get("assignee").get("gid").asText()).isEqualTo(fx.meGid()));
    }

    @Test
    void unknownUsersAndMissingOrganization() {
        assertThat(api.get("/users/nobody@example.com").status()).isEqualTo(404);
        assertThat(api.get("/users/9999999999999999").status()).isEqualTo(404);
        assertThat(api.get("/users/not_an_id").status()).isEqualTo(400);
        SimHttp.Resp r = api.get("/users/me/teams");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("organization: Missing input");
    }

    @Test
    void otherUserIsOnlyInTheFreeWorkspaceUntilAdded() {
        var premiumUsers = api.get("/workspaces/" + sim.workspaceGid() + "/users").data();
        assertThat(premiumUsers).noneSatisfy(u -> assertThat(u.get("gid").asText()).isEqualTo(fx.otherUserGid()));
        var freeUsers = api.get("/workspaces/" + sim.freeWorkspaceGid() + "/users").data();
        assertThat(freeUsers).anySatisfy(u -> assertThat(u.get("gid").asText()).isEqualTo(fx.otherUserGid()));
        String email = api.get("/users/" + fx.otherUserGid()).data().get("email").asText();
        assertThat(api.post("/workspaces/" + sim.workspaceGid() + "/addUser", SimHttp.data("{\"user\":\"" + email
                + "\"}")).status()).isEqualTo(200);
        assertThat(api.get("/workspaces/" + sim.workspaceGid() + "/users").data())
                .anySatisfy(u -> assertThat(u.get("gid").asText()).isEqualTo(fx.otherUserGid()));
    }
}
