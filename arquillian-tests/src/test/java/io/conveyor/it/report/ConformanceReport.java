package io.conveyor.it.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes {@code docs/conformance.md} from the checklist ({@code conformance/checklist.tsv}, the conformance checklist of
 * send-adapter contract §10 in {@code docs/send-adapter-contract.md}) and the test reports the
 * build just wrote: for every checklist ID, the rule, the tests whose display names carry the ID, in which suites they
 * ran, and whether they passed; or why the ID does not apply yet. Run by the build after the in-container suites.
 *
 * <p>The decisions taken where BizTalk's behaviour was unclear or contradictory are summarised from the table at the
 * top of {@code docs/decisions.md}, which has the full text.
 *
 * <p>Arguments: the checklist, the decisions document, the output file, then one {@code label=directory} per report
 * directory.
 */
public final class ConformanceReport {

    private static final Pattern IDS = Pattern.compile("^((?:[LSBPFTRDOACX]\\d{1,2}\\s+)+)");

    private record Rule(String id, String text, String scope, String note) {
    }

    private record Result(String test, String suite, boolean passed) {
    }

    private ConformanceReport() {
    }

    public static void main(String[] args) throws Exception {
        List<Rule> rules = readChecklist(Path.of(args[0]));
        List<String> decisions = decisionTable(Path.of(args[1]));
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] labelled = args[i].split("=", 2);
            collect(labelled[0], Path.of(labelled[1]), results);
        }
        Files.writeString(Path.of(args[2]), render(rules, results) + "\n## Decisions on open points and contradictions\n\n"
                + "Summary of [decisions.md](decisions.md), where each decision is explained with its references to the\n"
                + "[send-adapter contract](send-adapter-contract.md).\n\n"
                + String.join("\n", decisions) + "\n", StandardCharsets.UTF_8);
    }

    private static List<Rule> readChecklist(Path checklist) throws IOException {
        List<Rule> rules = new ArrayList<>();
        for (String line : Files.readAllLines(checklist, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            rules.add(new Rule(cells[0], cells[1], cells[2], cells.length > 3 ? cells[3] : ""));
        }
        return rules;
    }

    /** The first table of the decisions document, as Markdown lines. */
    private static List<String> decisionTable(Path decisions) throws IOException {
        List<String> table = new ArrayList<>();
        for (String line : Files.readAllLines(decisions, StandardCharsets.UTF_8)) {
            if (line.startsWith("|")) {
                table.add(line);
            } else if (!table.isEmpty()) {
                break;
            }
        }
        return table;
    }

    private static void collect(String suite, Path directory, Map<String, List<Result>> results) throws Exception {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> reports;
        try (Stream<Path> files = Files.list(directory)) {
            reports = files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path report : reports) {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
            NodeList cases = document.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                String name = testcase.getAttribute("name");
                Matcher ids = IDS.matcher(name + " ");
                if (!ids.find()) {
                    continue;
                }
                boolean passed = testcase.getElementsByTagName("failure").getLength() == 0
                        && testcase.getElementsByTagName("error").getLength() == 0
                        && testcase.getElementsByTagName("skipped").getLength() == 0;
                String className = testcase.getAttribute("classname");
                String test = className.substring(className.lastIndexOf('.') + 1) + ": " + name.substring(ids.end(1)).trim();
                for (String id : ids.group(1).trim().split("\\s+")) {
                    results.computeIfAbsent(id, k -> new ArrayList<>()).add(new Result(test, suite, passed));
                }
            }
        }
    }

    private static String render(List<Rule> rules, Map<String, List<Result>> results) {
        StringBuilder table = new StringBuilder();
        int pass = 0;
        int fail = 0;
        int notRun = 0;
        int deferred = 0;
        for (Rule rule : rules) {
            List<Result> found = results.getOrDefault(rule.id(), List.of());
            String verdict;
            if (!rule.scope().equals("ENGINE") && found.isEmpty()) {
                verdict = "n/a (" + rule.scope().toLowerCase().replace('-', ' ') + ")";
                deferred++;
            } else if (found.isEmpty()) {
                verdict = "**not run**";
                notRun++;
            } else if (found.stream().allMatch(Result::passed)) {
                verdict = "pass";
                pass++;
            } else {
                verdict = "**FAIL**";
                fail++;
            }
            table.append("| ").append(rule.id()).append(" | ").append(escape(rule.text())).append(" | ").append(verdict)
                    .append(" | ").append(escape(tests(found, rule.note()))).append(" |\n");
        }
        return "# Conformance report\n\n"
                + "Generated by the build (`./conveyor test`, the `post-integration-test` phase of `arquillian-tests`) from the\n"
                + "checklist of the [send-adapter contract](send-adapter-contract.md#10-conformance-checklist) §10\n"
                + "(`arquillian-tests/src/test/resources/conformance/checklist.tsv`) and the test reports of this run. A test counts\n"
                + "for an ID when its display name starts with the ID. Decisions on points BizTalk's behaviour left open or\n"
                + "contradictory are in [decisions.md](decisions.md). Do not edit by hand.\n\n"
                + "**" + pass + " pass, " + fail + " fail, " + notRun + " not run, " + deferred + " not applicable yet** (of "
                + rules.size() + " IDs).\n\n"
                + "| ID | Rule | Result | Tests (suites) or why not applicable |\n|---|---|---|---|\n" + table;
    }

    private static String tests(List<Result> found, String note) {
        if (found.isEmpty()) {
            return note;
        }
        Map<String, TreeSet<String>> suitesByTest = new LinkedHashMap<>();
        for (Result result : found) {
            suitesByTest.computeIfAbsent(result.test(), t -> new TreeSet<>()).add(result.suite() + (result.passed() ? "" : " FAILED"));
        }
        List<String> cells = new ArrayList<>();
        suitesByTest.forEach((test, suites) -> cells.add(test + " (" + String.join(", ", suites) + ")"));
        return String.join("; ", cells) + (note.isEmpty() ? "" : ". " + note);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
