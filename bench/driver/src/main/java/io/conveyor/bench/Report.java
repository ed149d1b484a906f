package io.conveyor.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the results: as JSON next to the Markdown file ({@code performance.json}), and as a table between the
 * markers {@value #BEGIN} and {@value #END} of the Markdown file, leaving the rest of it (the analysis) alone.
 */
final class Report {

    static final String BEGIN = "<!-- bench:results:begin -->";
    static final String END = "<!-- bench:results:end -->";

    private Report() {
    }

    static void write(BenchOptions options, List<Measurement> results, ZonedDateTime started, Duration took) throws IOException {
        Map<String, String> machine = machine();
        Path json = options.results().resolveSibling(options.results().getFileName().toString().replaceFirst("\\.md$", "") + ".json");
        Files.writeString(json, json(options, results, started, took, machine) + "\n");
        String table = markdown(options, results, started, took, machine);
        String document = Files.exists(options.results()) ? Files.readString(options.results()) : "# Performance\n\n" + BEGIN + "\n" + END + "\n";
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            document = document + "\n" + BEGIN + "\n" + END + "\n";
            begin = document.indexOf(BEGIN);
            end = document.indexOf(END);
        }
        Files.writeString(options.results(), document.substring(0, begin + BEGIN.length()) + "\n" + table
                + document.substring(end));
    }

    private static String markdown(BenchOptions options, List<Measurement> results, ZonedDateTime started, Duration took,
                                   Map<String, String> machine) {
        StringBuilder out = new StringBuilder();
        out.append("Produced by `").append(options.command()).append("` on ")
                .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(" in ")
                .append(took.toMinutes()).append(" min").append(options.quick() ? " (**quick smoke run: small counts, not for comparison**)" : "")
                .append(".\n\n");
        out.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memory")).append(" RAM; ").append(machine.get("os")).append(". JDK: ").append(machine.get("jdk"))
                .append(". WildFly ").append(System.getProperty("bench.wildfly.version", "?"))
                .append(", provisioned with Conveyor's Galleon layers. Runs per figure: ").append(options.runs())
                .append("; sustainable-rate probes of ").append(options.probeSeconds()).append(" s.\n\n");
        out.append("| Scenario | Configuration | Messages per run | Throughput: median (min–max), runs | Latency p50 / p99 / max (ms) | Server CPU s per run | PostgreSQL CPU s per run | CPU ms per message (server + PostgreSQL) | Server peak RSS (MiB) | Notes |\n");
        out.append("|---|---|---:|---|---|---:|---:|---:|---:|---|\n");
        for (Measurement m : results) {
            Spread throughput = m.throughput();
            out.append("| ").append(m.scenario).append(" | ").append(m.configuration).append(" | ").append(m.messagesPerRun)
                    .append(" | ").append(spread(throughput)).append(' ').append(m.unit).append(" | ")
                    .append(m.latencies.count() == 0 ? "–" : number(m.latencies.percentileMillis(50)) + " / "
                            + number(m.latencies.percentileMillis(99)) + " / " + number(m.latencies.maxMillis()))
                    .append(" | ").append(m.cpuSeconds.isEmpty() ? "–" : number(Spread.of(m.cpuSeconds).median()))
                    .append(" | ").append(m.databaseCpuSeconds.isEmpty() ? "–" : number(Spread.of(m.databaseCpuSeconds).median()))
                    .append(" | ").append(cpuPerMessage(m))
                    .append(" | ").append(m.peakRssBytes == 0 ? "–" : Long.toString(m.peakRssBytes / (1024 * 1024)))
                    .append(" | ").append(m.note).append(" |\n");
        }
        return out.toString();
    }

    /** Server (and PostgreSQL) CPU per message of a run, in milliseconds: the medians divided by the messages. */
    private static String cpuPerMessage(Measurement m) {
        if (m.cpuSeconds.isEmpty() || m.messagesPerRun == 0) {
            return "–";
        }
        double server = Spread.of(m.cpuSeconds).median() * 1000 / m.messagesPerRun;
        return m.databaseCpuSeconds.isEmpty() ? String.format(Locale.ROOT, "%.2f", server)
                : String.format(Locale.ROOT, "%.2f + %.2f", server,
                        Spread.of(m.databaseCpuSeconds).median() * 1000 / m.messagesPerRun);
    }

    private static String spread(Spread spread) {
        if (spread.runs() == 0) {
            return "–";
        }
        return spread.runs() == 1 ? number(spread.median()) + " (1 run)"
                : number(spread.median()) + " (" + number(spread.min()) + "–" + number(spread.max()) + "), " + spread.runs();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String json(BenchOptions options, List<Measurement> results, ZonedDateTime started, Duration took,
                               Map<String, String> machine) {
        JsonArrayBuilder measurements = Json.createArrayBuilder();
        for (Measurement m : results) {
            Spread throughput = m.throughput();
            JsonObjectBuilder entry = Json.createObjectBuilder().add("scenario", m.scenario).add("configuration", m.configuration)
                    .add("unit", m.unit).add("messagesPerRun", m.messagesPerRun)
                    .add("runs", Json.createArrayBuilder(m.throughputs))
                    .add("cpuSecondsPerRun", Json.createArrayBuilder(m.cpuSeconds))
                    .add("postgresqlCpuSecondsPerRun", Json.createArrayBuilder(m.databaseCpuSeconds))
                    .add("peakRssBytes", m.peakRssBytes).add("note", m.note);
            if (throughput.runs() > 0) {
                entry.add("median", throughput.median()).add("min", throughput.min()).add("max", throughput.max());
            }
            if (m.latencies.count() > 0) {
                entry.add("latencyMillis", Json.createObjectBuilder().add("samples", m.latencies.count())
                        .add("p50", m.latencies.percentileMillis(50)).add("p99", m.latencies.percentileMillis(99))
                        .add("max", m.latencies.maxMillis()));
            }
            measurements.add(entry);
        }
        JsonObjectBuilder machineJson = Json.createObjectBuilder();
        machine.forEach(machineJson::add);
        StringWriter text = new StringWriter();
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        writers.createWriter(text).write(Json.createObjectBuilder().add("command", options.command())
                .add("started", started.toString()).add("minutes", took.toMinutes()).add("quick", options.quick())
                .add("runs", options.runs()).add("probeSeconds", options.probeSeconds()).add("machine", machineJson)
                .add("measurements", measurements).build());
        return text.toString().strip();
    }

    private static Map<String, String> machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return Map.of("cpu", cpu, "cores", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "memory", (memoryKb / 1024 / 1024) + " GiB", "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }
}
