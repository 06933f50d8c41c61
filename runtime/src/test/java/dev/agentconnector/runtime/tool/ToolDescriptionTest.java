package dev.agentconnector.runtime.tool;

import dev.agentconnector.runtime.TestSpecs;
import dev.agentconnector.runtime.exec.LocalActions;
import dev.agentconnector.runtime.spec.ConnectorSpec;
import dev.agentconnector.runtime.spec.EntitySpec;
import dev.agentconnector.runtime.spec.OperationSpec;
import dev.agentconnector.runtime.spec.ParamSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolDescriptionTest {
    /** A small spec with the shapes the writer treats specially: shared params, pairs, products, nested bodies. */
    static final ConnectorSpec SPEC = TestSpecs.parse("""
            connector: shop
            title: Shop
            version: "1"
            base_url: http://127.0.0.1:1/api
            fields_param: opt_fields
            records_field: data
            next_page_field: next_page
            schemas:
              Item: {description: An item., fields: {gid: {type: string, description: Id}}}
            entities:
              items:
                description: Things on sale; each belongs to one shelf.
                actions:
                  list:
                    description: Items of a box or of an owner in a shelf (one is required); newest first.
                    method: GET
                    path: /items
                    pagination: offset
                    default_fields: [name, price]
                    returns: Item
                    requires_one_of: [[box], [shelf, owner]]
                    params:
                      box: {in: query, type: string, format: gid, example: "1200000000000001", description: Gid of the box whose items to list}
                      shelf: {in: query, type: string, format: gid, description: Gid of the shelf to search; only with owner}
                      owner: {in: query, type: string, format: user, description: "Owner to filter on - a user gid, an email or me"}
                      created_at.after: {in: query, type: string, format: date-time, description: Only items created after this ISO 8601 date-time}
                      created_at.before: {in: query, type: string, format: date-time, description: Only items created before this ISO 8601 date-time}
                  create:
                    description: Create an item; data.name is required.
                    method: POST
                    path: /items
                    default_fields: [name, price, color, due_on, notes]
                    returns: Item
                    params:
                      data:
                        in: body
                        type: object
                        required: true
                        description: "Fields of the new item, e.g. {\\"name\\": \\"Lamp\\"}"
                        properties:
                          name: {type: string, required: true, description: Name of the item}
                          color: {type: string, nullable: true, enum: [dark-red, dark-blue, light-red, light-blue, none], description: Colour of the item}
                          due_on: {type: string, format: date, nullable: true, description: "Due date (YYYY-MM-DD); needs a price"}
                          weight: {type: number, minimum: 0, maximum: 500, description: Weight in kg}
                          tags: {type: array, items: {type: string, format: gid}, description: Gids of tags to put on it}
                  get:
                    description: One item with its details.
                    method: GET
                    path: /items/{item_gid}
                    default_fields: [name, price, color, due_on, notes]
                    returns: Item
                    params:
                      item_gid: {in: path, type: string, required: true, format: gid, description: Gid of the item to fetch}
                  update:
                    description: Change fields of an item; only the fields given change.
                    method: PUT
                    path: /items/{item_gid}
                    returns: Item
                    params:
                      item_gid: {in: path, type: string, required: true, format: gid, description: Gid of the item to change}
                      data:
                        in: body
                        type: object
                        required: true
                        description: Fields to change
                        properties:
                          name: {type: string, description: New name}
                          color: {type: string, nullable: true, enum: [dark-red, dark-blue, light-red, light-blue, none], description: Colour of the item}
                          sold: {type: boolean, description: true marks it sold}
                  delete:
                    description: Delete an item for good.
                    method: DELETE
                    path: /items/{item_gid}
                    params:
                      item_gid: {in: path, type: string, required: true, format: gid, description: Gid of the item to delete}
              box_items:
                description: Items of one box, in box order.
                actions:
                  list:
                    description: Items of a box, newest first; use items.list to filter by owner.
                    method: GET
                    path: /boxes/{box_gid}/items
                    pagination: offset
                    default_fields: [name, price]
                    returns: Item
                    params:
                      box_gid: {in: path, type: string, required: true, format: gid, description: Gid of the box whose items to list}
                      created_at.after: {in: query, type: string, format: date-time, description: Only items created after this ISO 8601 date-time}
              item_labels:
                description: Labels on one item; create puts one on.
                actions:
                  create:
                    description: Put a label on an item.
                    method: POST
                    path: /items/{item_gid}/addLabel
                    params:
                      item_gid: {in: path, type: string, required: true, format: gid, description: Gid of the item to label}
                      data:
                        in: body
                        type: object
                        required: true
                        description: The label
                        properties:
                          label: {type: string, required: true, description: Text of the label, max_length: 40}
            """);

    @Test
    void namesEveryEntityActionAndParam() {
        String text = ToolDescription.generate(SPEC);
        for (EntitySpec e : SPEC.entities().values()) {
            assertThat(text).contains(e.name() + ": ");
            for (OperationSpec op : e.actions().values()) {
                assertThat(text).containsPattern("(?m)^ " + op.action() + "\\b");
                for (String name : paramNames(op)) {
                    assertThat(text).as(op.qualifiedName() + " param " + name).containsPattern(
                            "(?<![\\w.])" + Pattern.quote(name) + "(?![\\w])");
                }
            }
        }
    }

    @Test
    void writesTypesBoundsValuesAndRequiredMarks() {
        String text = ToolDescription.generate(SPEC);
        assertThat(text)
                .contains("data* obj")
                .contains("name* str: Name of the item")
                .contains("color {dark,light}-{red,blue}|none|null: Colour of the item")
                .contains("weight num 0..500: Weight in kg")
                .contains("due_on date|null: Due date; needs a price") // "(YYYY-MM-DD)" is in the notation
                .contains("label* str max 40 chars")
                .contains("create [fields=name,price,color,due_on,notes]: Create an item")
                .contains("get(item_gid) [fields=as items.create]: One item with its details.")
                .contains("needs one of: box | shelf+owner")
                .contains("[paged; fields=name,price]");
    }

    @Test
    void explainsPagingFieldsResultsAndGivesExamples() {
        String text = ToolDescription.generate(SPEC);
        assertThat(text)
                .contains("offset=meta.next_page.offset")
                .contains("fetch_all=true")
                .contains("max_records (default 1000")
                .contains("limit 1..100")
                .contains("it replaces the defaults")
                .contains("\"success\":true")
                .contains("validation_error")
                .contains("items list {\"box\":\"1200000000000001\",\"limit\":10,\"fields\":[\"name\",\"price\"]}")
                .contains("box_items list {\"box_gid\":\"<box_gid>\",\"fetch_all\":true,\"max_records\":500}")
                .contains("items create {\"data\":{\"name\":\"<name>\"}}")
                .contains("items update {\"item_gid\":\"<item_gid>\",\"data\":{\"sold\":true}}");
    }

    @Test
    void writesNothingTwice() {
        String text = ToolDescription.generate(SPEC);
        assertThat(repeatedSentences(text)).isEmpty();
        // the second action of the entity names what it shares with the first instead of describing it again
        assertThat(text).contains("as in create: name, color");
        // another entity refers to the identical param instead of repeating it
        assertThat(text).contains("created_at.after: as in items.list");
        assertThat(text).contains("fields=as items.list");
        // a before/after pair shares one line
        assertThat(text).contains("created_at.after|created_at.before datetime: Only items created after|before this "
                + "date-time");
    }

    @Test
    void readOnlyLeavesOutWritesAndSaysSo() {
        String text = ToolDescription.generate(SPEC, true);
        assertThat(text).contains("Read-only: create, update and delete are not available");
        assertThat(text).doesNotContainPattern("(?m)^ (create|update|delete)\\b");
        assertThat(text).doesNotContain("item_labels"); // nothing left to read there
        assertThat(text).contains(" get(item_gid)");
        assertThat(ToolDescription.visibleEntities(SPEC, true)).extracting(EntitySpec::name)
                .containsExactly("items", "box_items");
    }

    @Test
    void keepsFullWordingWhenThereIsRoomAndTheEssentialsWhenThereIsNot() {
        String roomy = ToolDescription.generate(SPEC, false, 100_000);
        assertThat(roomy).contains("Items of a box or of an owner in a shelf (one is required); newest first.")
                .contains("Gid of the box whose items to list")
                .contains("e.g. {\"name\": \"Lamp\"}");
        String tight = ToolDescription.generate(SPEC, false, 10);
        assertThat(tight.length()).isLessThan(roomy.length());
        assertThat(tight).contains("Items of a box or of an owner in a shelf (one is required)\n")
                .doesNotContain("Gid of the box whose items to list")
                .doesNotContain("e.g. {\"name\"")
                .contains("Things on sale\n");
        String fitting = ToolDescription.generate(SPEC, false, roomy.length() - 1);
        assertThat(fitting.length()).isLessThan(roomy.length()).isGreaterThanOrEqualTo(tight.length());
        namesEveryEntityActionAndParam();
    }

    @Test
    void listsTheLocalActionsAndTheirGuideAfterTheSpec() {
        String text = ToolDescription.generate(SPEC, false, ToolSchemasTest.LOCAL);
        assertThat(text).startsWith(ToolDescription.generate(SPEC).substring(0, 200))
                .endsWith("Also, with no API call, on items, box_items:\n local_find: Find items offline\n"
                        + "Also, with no API call, on items:\n local_mark: Mark items offline\n"
                        + "Local guide: query is {filter}.\n")
                .doesNotContain("nowhere");
        assertThat(ToolDescription.generate(SPEC, true, ToolSchemasTest.LOCAL))
                .contains(" local_find: ").doesNotContain("local_mark");
        assertThat(ToolDescription.generate(SPEC, false, LocalActions.NONE)).isEqualTo(ToolDescription.generate(SPEC));
        // the spec's part gives way, the local part stays whole
        String tight = ToolDescription.generate(SPEC, false, ToolSchemasTest.LOCAL, 10);
        assertThat(tight).endsWith("Local guide: query is {filter}.\n").doesNotContain("Examples");
        assertThat(ToolDescription.entitySummary(SPEC, "items", true, ToolSchemasTest.LOCAL))
                .contains(" local_find: Find items offline\n").doesNotContain("local_mark");
        assertThat(ToolDescription.visibleEntities(SPEC, true, ToolSchemasTest.LOCAL)).extracting(EntitySpec::name)
                .containsExactly("items", "box_items");
    }

    @Test
    void describesOneEntityForItsOwnTool() {
        String items = ToolDescription.forEntity(SPEC, "items", false);
        assertThat(items).startsWith("Shop items: Things on sale; each belongs to one shelf.")
                .contains(" delete(item_gid): Delete an item for good.")
                .doesNotContain("box_items");
        String summary = ToolDescription.entitySummary(SPEC, "items", true);
        assertThat(summary).contains(" list [paged; fields=name,price]: Items of a box")
                .contains("Read-only")
                .doesNotContainPattern("(?m)^ create")
                .contains("offset=meta.next_page.offset");
        assertThatThrownBy(() -> ToolDescription.forEntity(SPEC, "nope", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolDescription.entitySummary(SPEC, "item_labels", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readable");
    }

    @Test
    void namesOnlyTheFormatsInUse() {
        String text = ToolDescription.generate(TestSpecs.demo(), true);
        assertThat(text).contains("gid: numeric id string").contains("user: user gid, email or me")
                .doesNotContain("|null: null clears"); // only the create (hidden here) has nullable params
    }

    @Test
    void cutsAtTheFirstClauseOutsideBrackets() {
        assertThat(Detail.firstClause("Max results (one page; no offset); then more")).isEqualTo(
                "Max results (one page; no offset)");
        assertThat(Detail.firstClause("no clause")).isEqualTo("no clause");
        assertThat(ParamNotation.values(List.of("a", "b-c"))).isEqualTo("a|b-c");
        assertThat(ParamNotation.values(List.of("x-1", "x-2", "y-1", "y-2"))).isEqualTo("{x,y}-{1,2}");
        assertThat(ParamNotation.values(List.of("x-1", "x-2", "y-1"))).isEqualTo("x-1|x-2|y-1");
    }

    /** Param names as a caller writes them: top-level names and nested property names. */
    static List<String> paramNames(OperationSpec op) {
        List<String> names = new ArrayList<>();
        for (ParamSpec p : op.params().values()) {
            names.add(p.name());
            p.properties().values().forEach(c -> names.add(c.name()));
        }
        return names;
    }

    /** Sentences (split at ". ", "; " and line ends) of five words or more that occur more than once. */
    static Set<String> repeatedSentences(String text) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String line : text.split("\n")) {
            for (String sentence : line.split("(?<=[.;])\\s+")) {
                String s = sentence.trim();
                if (s.split("\\s+").length >= 5 && !seen.add(s)) {
                    repeated.add(s);
                }
            }
        }
        return repeated;
    }
}
