package io.conveyor.engine.messagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.ContextProperty;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesToUpdateTest {

    private static final String NS = "urn:example";

    @Test
    @DisplayName("each variant type is read as its Java type; vt absent means a string")
    void variantTypes() {
        String xml = "<PropertiesToUpdate>"
                + "<Property name='s' nameSpace='urn:example'>text</Property>"
                + "<Property name='i' nameSpace='urn:example' vt='3'> 4 </Property>"
                + "<Property name='l' nameSpace='urn:example' vt='20'>5000000000</Property>"
                + "<Property name='d' nameSpace='urn:example' vt='5'>2.5</Property>"
                + "<Property name='t' nameSpace='urn:example' vt='11'>-1</Property>"
                + "<Property name='f' nameSpace='urn:example' vt='11'>false</Property>"
                + "</PropertiesToUpdate>";
        assertThat(PropertiesToUpdate.parse(xml)).containsExactly(
                new ContextProperty("s", NS, "text", false),
                new ContextProperty("i", NS, 4, false),
                new ContextProperty("l", NS, 5_000_000_000L, false),
                new ContextProperty("d", NS, 2.5, false),
                new ContextProperty("t", NS, true, false),
                new ContextProperty("f", NS, false, false));
    }

    @Test
    @DisplayName("what is written reads back the same, types included")
    void roundTrip() {
        List<ContextProperty> properties = List.of(new ContextProperty("RetryAttempts", NS, 3, false),
                new ContextProperty("Note", NS, "a <b> & 'c'", false), new ContextProperty("Done", NS, true, false));
        assertThat(PropertiesToUpdate.parse(PropertiesToUpdate.write(properties))).isEqualTo(properties);
    }

    @Test
    @DisplayName("merging keeps both documents' properties, the later one winning on the same name and namespace")
    void merge() {
        String earlier = PropertiesToUpdate.write(List.of(new ContextProperty("a", NS, 1, false),
                new ContextProperty("b", NS, "old", false)));
        String later = PropertiesToUpdate.write(List.of(new ContextProperty("b", NS, "new", false),
                new ContextProperty("b", "urn:other", "other", false)));
        assertThat(PropertiesToUpdate.parse(PropertiesToUpdate.merge(earlier, later))).containsExactly(
                new ContextProperty("a", NS, 1, false), new ContextProperty("b", NS, "new", false),
                new ContextProperty("b", "urn:other", "other", false));
        assertThat(PropertiesToUpdate.merge(null, " ")).isNull();
    }

    @Test
    @DisplayName("no document means no properties")
    void empty() {
        assertThat(PropertiesToUpdate.parse(null)).isEmpty();
        assertThat(PropertiesToUpdate.parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<PropertiesToUpdate><Property", "<PropertiesToUpdate><Property nameSpace='x'>1</Property></PropertiesToUpdate>",
            "<PropertiesToUpdate><Property name='n' vt='3'>four</Property></PropertiesToUpdate>",
            "<PropertiesToUpdate><Property name='n' vt='11'>yes</Property></PropertiesToUpdate>",
            "<PropertiesToUpdate><Property name='n' vt='7'>1</Property></PropertiesToUpdate>"})
    @DisplayName("a malformed document, a nameless property, or a value that does not fit its vt is refused")
    void refused(String xml) {
        assertThatThrownBy(() -> PropertiesToUpdate.parse(xml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PropertiesToUpdate");
    }

    @Test
    @DisplayName("a document type declaration is refused, so no entity is ever expanded")
    void noDoctype() {
        String xml = "<!DOCTYPE p [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><PropertiesToUpdate>"
                + "<Property name='n'>&x;</Property></PropertiesToUpdate>";
        assertThatThrownBy(() -> PropertiesToUpdate.parse(xml)).isInstanceOf(IllegalArgumentException.class);
    }
}
