package org.casetrail.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;
import org.casetrail.warehouse.WarehouseException;
import org.casetrail.warehouse.query.QuerySession;
import org.casetrail.warehouse.query.ResultFormat;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The prompt of {@code casetrail query} without SQL, for researchers who explore: line editing
 * and history (JLine), statements ended by {@code ;}, a few dot commands, and a refused or failed
 * statement answered with one line, after which the prompt goes on.
 */
final class QueryShell {

    static final String HELP = """
            End each statement with ; (it may span several lines). Commands:
              .tables          the tables of this release
              .schema TABLE    a table's columns and what they mean
              .format F        table, csv or json
              .help            this text
              .quit            leave (or Ctrl-D)""";

    private final QuerySession session;
    private final Terminal terminal;
    private final Path historyFile;
    private ResultFormat format;

    /**
     * @param historyFile where typed statements are remembered between sessions, or null to keep
     *                    them only in memory
     */
    QueryShell(QuerySession session, Terminal terminal, Path historyFile, ResultFormat format) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.format = format;
    }

    void run(String banner) {
        LineReaderBuilder builder =
                LineReaderBuilder.builder().terminal(terminal).appName("casetrail");
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        PrintWriter writer = terminal.writer();
        PrintStream out = new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8);
        writer.println(banner);
        writer.println("Type .help for help, .quit to leave.");
        StatementBuffer buffer = new StatementBuffer();
        while (true) {
            String line;
            try {
                line = reader.readLine(buffer.isEmpty() ? "casetrail> " : "      ...> ");
            } catch (UserInterruptException e) {
                buffer.clear();
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (buffer.isEmpty() && line.strip().startsWith(".")) {
                if (!command(line.strip(), writer)) {
                    break;
                }
                continue;
            }
            for (String statement : buffer.add(line)) {
                try {
                    session.run(statement, format, out);
                } catch (WarehouseException e) {
                    writer.println(e.getMessage());
                }
                out.flush();
                writer.flush();
            }
        }
        writer.flush();
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            writer.println("casetrail: could not save the query history: " + e.getMessage());
        }
    }

    /** Runs a dot command; false when the prompt should end. */
    private boolean command(String line, PrintWriter writer) {
        String[] words = line.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case ".quit", ".exit", ".q" -> {
                return false;
            }
            case ".help" -> writer.println(HELP);
            case ".tables" -> session.tables().forEach(t -> writer.printf("%-32s %s%n", t.name(), t.doc()));
            case ".schema" -> {
                if (words.length < 2) {
                    writer.println("name a table: .schema TABLE");
                } else {
                    session.tables().stream()
                            .filter(t -> t.name().equalsIgnoreCase(words[1]))
                            .findFirst()
                            .ifPresentOrElse(
                                    t -> schema(t, writer),
                                    () -> writer.println("no table " + words[1] + " in this session; see .tables"));
                }
            }
            case ".format" -> {
                try {
                    format = ResultFormat.valueOf(words.length < 2 ? "" : words[1].toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    writer.println(".format takes table, csv or json");
                }
            }
            default -> writer.println("unknown command " + words[0] + "; see .help");
        }
        writer.flush();
        return true;
    }

    private static void schema(TableSpec table, PrintWriter writer) {
        writer.println(table.name() + ": " + table.doc());
        for (Column c : table.columns()) {
            writer.printf("  %-30s %-8s %s%n", c.name(), c.type(), c.doc());
        }
    }

    /** Lets {@link ResultFormat}, which prints to a stream, print through the terminal's writer. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            writer.write(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
