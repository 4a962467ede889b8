package org.casetrail.ingest.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The CSV form of the input contract: the same fields flattened with dots, lists joined by '|'. */
final class CsvLines implements ExportLines {

    private static final List<String> PERSON = List.of(
            "given_name",
            "family_name",
            "aliases",
            "date_of_birth",
            "phone",
            "national_id",
            "email",
            "village",
            "province",
            "nationality");

    private final Writer writer;
    private final String source;
    private final List<String> details = SyntheticExport.detailColumns();

    CsvLines(Writer writer, String source) {
        this.writer = writer;
        this.source = source;
    }

    @Override
    public void begin() throws IOException {
        List<String> header = new ArrayList<>(
                List.of("source", "source_event_id", "case_id", "type", "occurred_at", "recorded_at", "centre"));
        PERSON.forEach(f -> header.add("person." + f));
        details.forEach(f -> header.add("details." + f));
        header.add("narrative");
        writer.write(String.join(",", header));
        writer.write("\r\n");
    }

    @Override
    public void write(RawEvent e) throws IOException {
        List<String> cells = new ArrayList<>();
        cells.add(source);
        cells.add(e.sourceEventId);
        cells.add("missing_case".equals(e.corruption) ? "" : e.caseId);
        cells.add(e.writtenType());
        cells.add("bad_date".equals(e.corruption) ? e.occurredOn.getYear() + "-13-45" : e.occurredOn.toString());
        cells.add(e.recordedAt.toString());
        cells.add(e.centre);
        FakePerson p = e.person;
        if (p == null) {
            PERSON.forEach(f -> cells.add(null));
        } else {
            cells.add(p.givenName());
            cells.add(p.familyName());
            cells.add(String.join("|", p.aliases()));
            cells.add(p.dateOfBirth() == null ? null : p.dateOfBirth().toString());
            cells.add(p.phone());
            cells.add(p.nationalId());
            cells.add(p.email());
            cells.add(p.village());
            cells.add(p.province());
            cells.add(p.nationality());
        }
        String spoiled = e.spoiledDetail();
        for (String name : details) {
            Object value = name.equals(spoiled) ? "NOT_A_VALUE" : e.details.get(name);
            cells.add(
                    value == null
                            ? null
                            : value instanceof List<?> list
                                    ? list.stream().map(Object::toString).collect(Collectors.joining("|"))
                                    : value.toString());
        }
        cells.add(e.narrative);
        writer.write(cells.stream().map(CsvLines::quote).collect(Collectors.joining(",")));
        writer.write("\r\n");
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
