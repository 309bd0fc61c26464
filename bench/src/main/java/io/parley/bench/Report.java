package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found: figures are printed as they come, one line each (name, value, unit, and where there is one the
 * baseline, the ratio and the goal), and written together to {@code results.json} at the end.
 */
public final class Report {

    private final PrintStream out;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    public Report(PrintStream out) {
        this.out = out;
    }

    public synchronized void add(Figure figure) {
        figures.add(figure);
        out.println(line(figure));
        out.flush();
    }

    /** Something the reader of the figures must know, e.g. why a scenario was skipped. */
    public synchronized void note(String scenario, String text) {
        notes.merge(scenario, text, (a, b) -> a + "; " + b);
        out.println(String.format("%-34s %s", scenario + ":", text));
        out.flush();
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    static String line(Figure f) {
        StringBuilder s = new StringBuilder(String.format("%-34s %14s %-9s", f.name(), Figure.format(f.value()), f.unit()));
        if (f.baseline() != null) {
            s.append(String.format("  baseline %12s  ratio %6s  (%s)", Figure.format(f.baseline()),
                    f.ratio() == null ? "n/a" : Figure.format(f.ratio()), f.baselineName()));
        }
        if (f.goal() != null) {
            s.append("  goal ").append(f.goal()).append(Boolean.TRUE.equals(f.met()) ? ": met" : ": MISSED");
        }
        return s.toString();
    }

    public void write(Path file, BenchSettings settings, Map<String, Object> environment) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("at", Instant.now().toString());
        doc.put("mode", settings.quick() ? "quick" : "full");
        doc.put("database", settings.database().name().toLowerCase());
        doc.put("environment", environment);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", f.name());
            row.put("value", f.value());
            row.put("unit", f.unit());
            if (f.baseline() != null) {
                row.put("baseline", f.baseline());
                row.put("baselineName", f.baselineName());
                row.put("ratio", f.ratio());
            }
            if (f.goal() != null) {
                row.put("goal", f.goal().toString());
                row.put("met", f.met());
            }
            rows.add(row);
        }
        doc.put("figures", rows);
        doc.put("notes", notes);
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
