package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.casetrail.ingest.IngestException;
import org.casetrail.ingest.read.ExportRecord;

/**
 * The files of one export read through a mapping: each file given to the input whose {@code file}
 * pattern it matches, every table's header checked against the mapping before a row is read (so
 * a missing sheet or column stops the run before anything is written), then the tables read parent
 * first, so that a repeat group's rows find the row they belong to.
 */
public final class MappedExport {

    /** One table the export is read from: an input's file (and sheet) and its header. */
    record Table(InputRule input, Path file, String describe, HeaderColumns header) {

        String inputName() {
            return input.name();
        }

        List<String> columns() {
            return header.names();
        }
    }

    private final Mapping mapping;
    private final List<Table> tables;
    private final List<String> sheetsAbsent;
    /** What each workbook's sheets share, read when the headers were checked and used again for the rows. */
    private final Map<Path, XlsxBook> books;

    private final ColumnRoles roles;
    private final Map<String, Map<String, Integer>> keptColumns;
    private final LocalDate snapshotDate;

    private MappedExport(
            Mapping mapping,
            List<Table> tables,
            List<String> sheetsAbsent,
            Map<Path, XlsxBook> books,
            ColumnRoles roles,
            Map<String, Map<String, Integer>> keptColumns,
            LocalDate snapshotDate) {
        this.mapping = mapping;
        this.tables = tables;
        this.sheetsAbsent = sheetsAbsent;
        this.books = books;
        this.roles = roles;
        this.keptColumns = keptColumns;
        this.snapshotDate = snapshotDate;
    }

    /** An export that is not a snapshot: its mapping may not date records by the snapshot. */
    public static MappedExport open(Mapping mapping, List<Path> files) {
        return open(mapping, files, Optional.empty());
    }

    /**
     * Matches the files to the mapping's inputs and checks every table's header against it.
     *
     * @param snapshotDate the date of the snapshot the files are, which {@code snapshot_date} in the
     *     mapping stands for; empty when they are not a snapshot
     */
    public static MappedExport open(Mapping mapping, List<Path> files, Optional<LocalDate> snapshotDate) {
        OptionalInt usesSnapshotDate = mapping.snapshotDateLine();
        if (usesSnapshotDate.isPresent() && snapshotDate.isEmpty()) {
            throw MappingException.at(
                    mapping.file(),
                    usesSnapshotDate.getAsInt(),
                    "this mapping dates records by the snapshot (snapshot_date): ingest the export with --snapshot");
        }
        Map<InputRule, List<Path>> filesOf = assign(mapping, files);
        Map<String, Map<String, Integer>> keptColumns = keptColumns(mapping);
        ColumnRoles roles = ColumnRoles.of(mapping);
        List<Table> tables = new ArrayList<>();
        List<String> sheetsAbsent = new ArrayList<>();
        Map<Path, XlsxBook> books = new HashMap<>();
        for (InputRule input : parentsFirst(mapping)) {
            for (Path file : filesOf.getOrDefault(input, List.of())) {
                if (optionalSheetAbsent(input, file)) {
                    sheetsAbsent.add("input " + input.name() + ": " + file.getFileName() + " has no sheet '"
                            + input.sheet() + "' (optional: not read)");
                    continue;
                }
                try (RowSource source = RowSource.open(file, input, books)) {
                    String describe = source.describe();
                    HeaderColumns header = new HeaderColumns(source.header());
                    String table = describe + " (header row " + input.headerRow() + ")";
                    for (ColumnRef column : ownColumns(input)) {
                        header.bind(column.name(), column.line(), mapping.file(), table, input.describe());
                    }
                    for (Map.Entry<String, Integer> column :
                            keptColumns.getOrDefault(input.name(), Map.of()).entrySet()) {
                        header.bind(
                                column.getKey(),
                                column.getValue(),
                                mapping.file(),
                                table,
                                input.describe() + ", read by its child inputs with '../'");
                    }
                    tables.add(new Table(input, file, describe, header));
                } catch (NoSuchFileException e) {
                    throw new IngestException("export " + file + " does not exist");
                } catch (IOException e) {
                    throw new IngestException("cannot read export " + file + ": " + e.getMessage());
                }
            }
        }
        return new MappedExport(
                mapping,
                List.copyOf(tables),
                List.copyOf(sheetsAbsent),
                books,
                roles,
                keptColumns,
                snapshotDate.orElse(null));
    }

    /**
     * Whether an optional input's sheet is missing from a workbook its pattern matches: a mapping
     * may name sheets an organisation adds beside the sector's template (services, follow-ups),
     * and read the bare template all the same.
     */
    private static boolean optionalSheetAbsent(InputRule input, Path file) {
        if (!input.optional() || input.format() != InputRule.Format.XLSX) {
            return false;
        }
        try {
            return !XlsxRows.hasSheet(file, input);
        } catch (NoSuchFileException e) {
            throw new IngestException("export " + file + " does not exist");
        } catch (IOException e) {
            throw new IngestException("cannot read export " + file + ": " + e.getMessage());
        }
    }

    Mapping mapping() {
        return mapping;
    }

    List<Table> tables() {
        return tables;
    }

    /** The optional inputs' sheets that a workbook lacks, one line each, for {@code mapping check}. */
    List<String> sheetsAbsent() {
        return sheetsAbsent;
    }

    /** What a column of a table becomes, as {@code mapping check} prints it; empty when it is not read. */
    List<String> roles(Table table, String column) {
        return roles.of(table.inputName(), column);
    }

    /** Reads every table, parent inputs first, handing each record made to {@code records}. */
    public void read(Consumer<ExportRecord> records, MappingObserver observer) {
        Map<String, Map<String, LinkedRow>> keptRows = new HashMap<>();
        for (Table table : tables) {
            InputRule input = table.input();
            Map<String, LinkedRow> kept = keptColumns.containsKey(input.name())
                    ? keptRows.computeIfAbsent(input.name(), k -> new HashMap<>())
                    : null;
            Map<String, LinkedRow> parents =
                    input.parent() == null ? null : keptRows.getOrDefault(input.parent(), Map.of());
            RowMapper mapper = new RowMapper(
                    mapping,
                    input,
                    table.header(),
                    parents,
                    kept,
                    keptColumns.getOrDefault(input.name(), Map.of()).keySet(),
                    roles,
                    observer,
                    snapshotDate);
            try (RowSource source = RowSource.open(table.file(), input, books)) {
                source.header();
                source.rows(row -> mapper.map(row, records), table.header().boundPositions());
            } catch (IOException e) {
                throw new IngestException("cannot read export " + table.file() + ": " + e.getMessage());
            }
        }
    }

    private static Map<InputRule, List<Path>> assign(Mapping mapping, List<Path> files) {
        Map<InputRule, List<Path>> filesOf = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            List<InputRule> matching = new ArrayList<>();
            for (InputRule input : mapping.inputs()) {
                PathMatcher glob = FileSystems.getDefault()
                        .getPathMatcher("glob:" + input.file().toLowerCase(Locale.ROOT));
                if (glob.matches(Path.of(name))) {
                    matching.add(input);
                }
            }
            if (matching.isEmpty()) {
                throw new MappingException("export " + file.getFileName() + " matches the 'file' of no input of "
                        + mapping.file() + " (" + String.join(", ", patterns(mapping)) + ")");
            }
            boolean sheets = matching.stream().allMatch(i -> i.format() == InputRule.Format.XLSX);
            if (matching.size() > 1 && !sheets) {
                throw new MappingException("export " + file.getFileName() + " matches the 'file' of inputs "
                        + String.join(
                                " and ", matching.stream().map(InputRule::name).toList())
                        + " of " + mapping.file() + "; a CSV file is one table: make their patterns exclusive");
            }
            matching.forEach(
                    i -> filesOf.computeIfAbsent(i, k -> new ArrayList<>()).add(file));
        }
        for (InputRule input : mapping.inputs()) {
            boolean none = !filesOf.containsKey(input);
            if (none && !input.optional()) {
                throw MappingException.at(
                        mapping.file(),
                        input.line(),
                        input.describe() + " (file '" + input.file() + "') matches none of the files given");
            }
            if (!none
                    && input.parent() != null
                    && !filesOf.containsKey(mapping.input(input.parent()).orElseThrow())) {
                throw MappingException.at(
                        mapping.file(),
                        input.line(),
                        input.describe() + " has files but its parent '" + input.parent() + "' has none");
            }
        }
        return filesOf;
    }

    private static List<String> patterns(Mapping mapping) {
        return mapping.inputs().stream().map(InputRule::file).distinct().toList();
    }

    /** The inputs with every parent before its children, otherwise in the mapping's order. */
    private static List<InputRule> parentsFirst(Mapping mapping) {
        List<InputRule> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < mapping.inputs().size()) {
            for (InputRule input : mapping.inputs()) {
                if (!placed.contains(input.name()) && (input.parent() == null || placed.contains(input.parent()))) {
                    ordered.add(input);
                    placed.add(input.name());
                }
            }
        }
        return ordered;
    }

    /**
     * For each input with children: the columns its descendants read with '../', each with the line
     * of its first mention.
     */
    private static Map<String, Map<String, Integer>> keptColumns(Mapping mapping) {
        Map<String, Map<String, Integer>> kept = new HashMap<>();
        for (InputRule input : mapping.inputs()) {
            if (input.parent() != null) {
                kept.computeIfAbsent(input.parent(), k -> new LinkedHashMap<>());
            }
        }
        ColumnRoles roles = ColumnRoles.of(mapping);
        for (InputRule input : mapping.inputs()) {
            for (ColumnRef column : allColumns(input)) {
                if (column.depth() > 0) {
                    kept.computeIfAbsent(roles.owner(input, column).name(), k -> new LinkedHashMap<>())
                            .putIfAbsent(column.name(), column.line());
                }
            }
        }
        return kept;
    }

    private static List<ColumnRef> ownColumns(InputRule input) {
        return allColumns(input).stream().filter(c -> c.depth() == 0).toList();
    }

    private static List<ColumnRef> allColumns(InputRule input) {
        List<ColumnRef> columns = new ArrayList<>(input.key());
        if (input.linkKey() != null) {
            columns.add(input.linkKey());
        }
        if (input.parentKey() != null) {
            columns.add(input.parentKey());
        }
        if (input.caseId() != null) {
            input.caseId().parts().forEach(p -> columns.add(p.column()));
        }
        input.person().forEach(r -> columns.addAll(r.columns()));
        for (EventRule event : input.events()) {
            if (event.type().column() != null) {
                columns.add(event.type().column());
            }
            if (event.when() != null) {
                columns.add(event.when().column());
            }
            event.fields().forEach(r -> columns.addAll(r.columns()));
        }
        return columns;
    }
}
