package io.conveyor.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditDetailsTest {

    private static JsonObject port(int priority, String address, String password, String timeout) {
        JsonObjectBuilder properties = Json.createObjectBuilder().add("password", password);
        if (timeout != null) {
            properties.add("timeout", timeout);
        }
        return Json.createObjectBuilder().add("name", "orders").add("priority", priority)
                .add("primaryTransport", Json.createObjectBuilder().add("address", address).add("properties", properties))
                .build();
    }

    @Test
    @DisplayName("a port's changes are listed by field path with their masked values on both sides")
    void changes() {
        JsonObject storedBefore = port(5, "http://u:old@host/a", "s3cret", null);
        JsonObject storedAfter = port(3, "http://u:new@host/a", "0ther", "30");
        JsonObject maskedBefore = port(5, "http://u:********@host/a", "********", null);
        JsonObject maskedAfter = port(3, "http://u:********@host/a", "********", "30");

        JsonObject changes = AuditDetails.changes(storedBefore, storedAfter, maskedBefore, maskedAfter);

        assertThat(changes.keySet()).containsExactlyInAnyOrder("priority", "primaryTransport.address",
                "primaryTransport.properties.password", "primaryTransport.properties.timeout");
        assertThat(changes.getJsonObject("priority").toString()).isEqualTo("{\"from\":5,\"to\":3}");
        assertThat(changes.getJsonObject("primaryTransport.properties.password").toString())
                .isEqualTo("{\"from\":\"********\",\"to\":\"********\"}");
        assertThat(changes.getJsonObject("primaryTransport.properties.timeout").toString())
                .isEqualTo("{\"from\":null,\"to\":\"30\"}");
        assertThat(changes.toString()).doesNotContain("s3cret", "0ther", "old@", "new@");
    }

    @Test
    @DisplayName("an unchanged port has no changes; a removed transport is listed field by field, to null")
    void unchangedAndRemoved() {
        JsonObject port = port(5, "http://host/a", "x", null);
        assertThat(AuditDetails.changes(port, port, port, port)).isEmpty();

        JsonObject without = Json.createObjectBuilder().add("name", "orders").add("priority", 5).build();
        JsonObject changes = AuditDetails.changes(port, without, port, without);
        assertThat(changes.keySet()).containsExactlyInAnyOrder("primaryTransport.address",
                "primaryTransport.properties.password");
        assertThat(changes.getJsonObject("primaryTransport.address").isNull("to")).isTrue();
    }

    @Test
    @DisplayName("a list is cut at 100 entries and the rest counted")
    void lists() {
        List<String> many = IntStream.range(0, 250).mapToObj(Integer::toString).toList();
        JsonObjectBuilder details = Json.createObjectBuilder();
        AuditDetails.addList(details, "ids", many);
        AuditDetails.addList(details, "names", List.of("a", "b"));

        JsonObject json = details.build();

        assertThat(json.getJsonArray("ids")).hasSize(AuditDetails.MAX_LISTED);
        assertThat(json.getJsonArray("ids").getString(99)).isEqualTo("99");
        assertThat(json.getInt("idsOmitted")).isEqualTo(150);
        assertThat(json.getJsonArray("names").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("a", "b");
        assertThat(json.containsKey("namesOmitted")).isFalse();
    }

    @Test
    @DisplayName("a caller's text is cut to 64 characters")
    void shortened() {
        assertThat(AuditDetails.shortened("123")).isEqualTo("123");
        assertThat(AuditDetails.shortened("x".repeat(1000))).hasSize(AuditDetails.MAX_TEXT).endsWith("x…");
    }
}
