package dev.agentconnector.asana.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactsExtractorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void keepsStructureAndDropsProse() throws Exception {
        JsonNode doc = json("{'openapi':'3.0.0','info':{'title':'T','description':'about'},"
                + "'tags':[{'name':'x','description':'d'}],"
                + "'paths':{'/tasks/{task_gid}':{'parameters':[{'$ref':'#/components/parameters/task_path_gid'}],"
                + "'get':{'summary':'Get','description':'Use `opt_fields` or `limit`.','operationId':'getTask',"
                + "'x-readme':{'code-samples':[{'code':'curl'}]},'tags':['Tasks'],"
                + "'parameters':[{'name':'opt_fields','in':'query','description':'fields','example':['a'],"
                + "'style':'form','explode':false,'schema':{'type':'array','items':{'type':'string',"
                + "'enum':['name','notes']}}}],"
                + "'responses':{'200':{'description':'ok','content':{'application/json':{'schema':{'type':'object',"
                + "'properties':{'data':{'$ref':'#/components/schemas/Task'}}}}}}}}}},"
                + "'components':{'schemas':{'Task':{'type':'object','description':'A task','example':{'gid':'1'},"
                + "'required':['gid'],'properties':{'gid':{'type':'string','readOnly':true,'example':'1'},"
                + "'description':{'type':'string','nullable':true,'description':'a property named description'},"
                + "'due_on':{'allOf':[{'$ref':'#/components/schemas/Date'}],'nullable':true},"
                + "'limit':{'type':'integer','minimum':1,'maximum':100,'x-env-variable':'L'},"
                + "'extra':{'type':'object','additionalProperties':{'type':'string','description':'v'}}}}},"
                + "'parameters':{'task_path_gid':{'name':'task_gid','in':'path','required':true,"
                + "'description':'The task','schema':{'type':'string'},'example':'321'}}}}");

        JsonNode facts = FactsExtractor.openApi(doc);

        assertThat(facts.has("info")).isFalse();
        assertThat(facts.has("tags")).isFalse();
        JsonNode get = facts.at("/paths/~1tasks~1{task_gid}/get");
        assertThat(get.get("operationId").asText()).isEqualTo("getTask");
        assertThat(get.has("summary") || get.has("description") || get.has("x-readme") || get.has("tags")).isFalse();
        assertThat(get.get(FactsExtractor.MENTIONS)).hasToString("[\"opt_fields\",\"limit\"]");
        assertThat(get.at("/parameters/0")).hasToString("{\"name\":\"opt_fields\",\"in\":\"query\",\"style\":\"form\","
                + "\"explode\":false,\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\","
                + "\"enum\":[\"name\",\"notes\"]}}}");
        assertThat(get.at("/responses/200")).hasToString("{\"content\":{\"application/json\":{\"schema\":{"
                + "\"type\":\"object\",\"properties\":{\"data\":{\"$ref\":\"#/components/schemas/Task\"}}}}}}");
        assertThat(facts.at("/paths/~1tasks~1{task_gid}/parameters/0/$ref").asText())
                .isEqualTo("#/components/parameters/task_path_gid");

        JsonNode task = facts.at("/components/schemas/Task");
        assertThat(task.has("description") || task.has("example")).isFalse();
        assertThat(task.get("required")).hasToString("[\"gid\"]");
        assertThat(task.at("/properties/gid")).hasToString("{\"type\":\"string\",\"readOnly\":true}");
        assertThat(task.at("/properties/description")).hasToString("{\"type\":\"string\",\"nullable\":true}");
        assertThat(task.at("/properties/due_on")).hasToString(
                "{\"allOf\":[{\"$ref\":\"#/components/schemas/Date\"}],\"nullable\":true}");
        assertThat(task.at("/properties/limit")).hasToString("{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}");
        assertThat(task.at("/properties/extra/additionalProperties")).hasToString("{\"type\":\"string\"}");
        assertThat(facts.at("/components/parameters/task_path_gid")).hasToString(
                "{\"name\":\"task_gid\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}");
    }

    @Test
    void operationsKeepOnlyNames() throws Exception {
        JsonNode ops = json("[{'entity':'tasks','action':'get','method':'GET','path':'/tasks/{task_gid}',"
                + "'description':'Get a task','path_params':['task_gid'],"
                + "'query_params':[{'name':'opt_fields','type':'string','description':'fields'}],"
                + "'body_required':[],'body_optional':['data.name'],'response_schema':{'type':'object'}}]");

        assertThat(FactsExtractor.operations(ops)).hasToString("[{\"entity\":\"tasks\",\"action\":\"get\","
                + "\"method\":\"GET\",\"path\":\"/tasks/{task_gid}\",\"path_params\":[\"task_gid\"],"
                + "\"query_params\":[\"opt_fields\"],\"body_required\":[],\"body_optional\":[\"data.name\"]}]");
    }
}
