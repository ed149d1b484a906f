package io.conveyor.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.spi.ConfigProperty;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a connector's handler properties to one source. They are declared once, by the {@link ConfigProperty}
 * setters of its resource adapter (name, type, default, whether confidential); two places repeat them and are
 * checked against that declaration:
 * <ul>
 * <li>the table under "## Handler properties" in the connector's README: one row per property, the same name, type
 * ({@code String, masked} for a confidential one) and default ({@code *(empty)*} or {@code empty} for none);</li>
 * <li>the server configuration script {@code server/src/main/cli/conveyor.cli}: every {@code config-properties}
 * entry it adds for the connector names a declared property, and its value (a literal, or the fallback of a
 * {@code ${system.property:fallback}} expression) is the declared default, unless the connector's test names the
 * property as one the configuration deliberately sets to something else.</li>
 * </ul>
 */
public final class HandlerPropertyDocumentation {

    private static final Pattern README_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{[^:}]+(?::(.*))?}$");

    private final Map<String, Declared> declared;

    private HandlerPropertyDocumentation(Class<?> resourceAdapter) {
        declared = new TreeMap<>();
        for (Method setter : resourceAdapter.getMethods()) {
            ConfigProperty annotation = setter.getAnnotation(ConfigProperty.class);
            if (annotation != null && setter.getName().startsWith("set") && setter.getParameterCount() == 1) {
                String bare = setter.getName().substring(3);
                declared.put(Character.toLowerCase(bare.charAt(0)) + bare.substring(1), new Declared(
                        setter.getParameterTypes()[0].getSimpleName(), annotation.defaultValue(), annotation.confidential()));
            }
        }
        assertThat(declared).as("handler properties of %s", resourceAdapter.getName()).isNotEmpty();
    }

    /** The handler properties declared by {@code resourceAdapter}'s annotated setters. */
    public static HandlerPropertyDocumentation of(Class<?> resourceAdapter) {
        return new HandlerPropertyDocumentation(resourceAdapter);
    }

    /**
     * Checks a connector module's {@code README.md} and its entry {@code resourceAdapterName} in the server
     * configuration, run from the module's directory (as Maven runs tests).
     */
    public static void checkConnector(Class<?> resourceAdapter, String resourceAdapterName, Set<String> deliberatelySet)
            throws IOException {
        HandlerPropertyDocumentation declared = of(resourceAdapter);
        declared.checkReadme(Path.of("README.md"));
        declared.checkCli(Path.of("../../server/src/main/cli/conveyor.cli"), resourceAdapterName, deliberatelySet);
    }

    /** Checks the README's handler property table: the same properties, types and defaults. */
    public void checkReadme(Path readme) throws IOException {
        Map<String, Declared> documented = new TreeMap<>();
        for (String row : section(Files.readAllLines(readme), "## Handler properties")) {
            Matcher matcher = README_ROW.matcher(row);
            if (matcher.find()) {
                String type = matcher.group(2).trim();
                documented.put(matcher.group(1), new Declared(type.replace(", masked", ""), documentedDefault(matcher.group(3)),
                        type.endsWith(", masked")));
            }
        }
        assertThat(documented).as("the handler property table of %s against the @ConfigProperty setters", readme)
                .isEqualTo(declared);
    }

    /**
     * Checks the entries {@code cli} adds under {@code /subsystem=resource-adapters/resource-adapter=<name>}: each
     * names a declared property and holds its default, except {@code deliberatelySet}.
     */
    public void checkCli(Path cli, String resourceAdapterName, Set<String> deliberatelySet) throws IOException {
        Pattern entry = Pattern.compile("^/subsystem=resource-adapters/resource-adapter=" + Pattern.quote(resourceAdapterName)
                + "/config-properties=([^:]+):add\\(value=\"(.*)\"\\)\\s*$");
        Map<String, String> configured = new LinkedHashMap<>();
        for (String line : Files.readAllLines(cli)) {
            Matcher matcher = entry.matcher(line.trim());
            if (matcher.matches()) {
                configured.put(matcher.group(1), matcher.group(2));
            }
        }
        assertThat(configured).as("config-properties of %s in %s", resourceAdapterName, cli).isNotEmpty();
        assertThat(declared.keySet()).as("properties %s sets for %s", cli, resourceAdapterName)
                .containsAll(configured.keySet());
        configured.forEach((name, value) -> {
            if (!deliberatelySet.contains(name)) {
                assertThat(effectiveValue(value)).as("%s's %s in %s holds the default declared in code", resourceAdapterName,
                        name, cli).isEqualTo(declared.get(name).defaultValue());
            }
        });
    }

    private static String effectiveValue(String value) {
        Matcher expression = EXPRESSION.matcher(value);
        if (expression.matches()) {
            return expression.group(1) == null ? "" : expression.group(1);
        }
        return value;
    }

    private static String documentedDefault(String cell) {
        String text = cell.trim();
        if (text.startsWith("*(empty)*") || text.startsWith("empty")) {
            return "";
        }
        int open = text.indexOf('`');
        int close = text.indexOf('`', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }

    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertThat(start).as("heading '%s'", heading).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private record Declared(String type, String defaultValue, boolean confidential) {
    }
}
