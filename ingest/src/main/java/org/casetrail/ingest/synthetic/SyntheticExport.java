package org.casetrail.ingest.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic synthetic export of an anti-trafficking organisation's case-management system, with
 * fake identities only. The same settings give the same bytes; cases are written one after the
 * other, so memory stays bounded whatever the number of cases.
 */
public final class SyntheticExport {

    public static final String SOURCE = "casetrail-synthetic";
    private static final List<String> CENTRE_CODES =
            List.of("TOM_DY", "SIEM_REAP", "KAMPONG_CHAM", "BATTAMBANG", "KAMPOT");

    public enum Format {
        JSONL,
        CSV
    }

    /** How much real-world mess goes in, in percent or per mille of cases or events. */
    public record Mess(
            int duplicatePerMille,
            int mistakePerMille,
            int malformedPerMille,
            int latePercent,
            int withdrawnConsentPercent) {
        public static final Mess REALISTIC = new Mess(10, 5, 2, 3, 2);
        public static final Mess NONE = new Mess(0, 0, 0, 0, 0);
    }

    /** What a run wrote: records in all, of which deliberately malformed. */
    public record Written(long cases, long records, long malformed, LocalDate exportDate) {}

    public record Settings(int cases, long seed, int startYear, int years, int centres, Mess mess) {
        public Settings {
            if (cases < 1 || years < 1 || centres < 1 || centres > CENTRE_CODES.size()) {
                throw new IllegalArgumentException(
                        "cases and years must be at least 1, centres from 1 to " + CENTRE_CODES.size());
            }
        }

        /** Years of identifications beyond which a large export grows denser instead of longer. */
        public static final int MOST_DEFAULT_YEARS = 15;

        /**
         * The organisation casetrail was built for (docs/commands.md, "generate"): about 250 women
         * identified a year over three centres, from 2009;
         * past 15 years' worth, more cases a year rather than dates far in the future.
         */
        public static Settings defaults(int cases, long seed) {
            int years = Math.max(1, Math.min(MOST_DEFAULT_YEARS, Math.round(cases / 250f)));
            return new Settings(cases, seed, 2009, years, 3, Mess.REALISTIC);
        }

        public LocalDate exportDate() {
            return LocalDate.of(startYear + years - 1, 12, 31);
        }
    }

    private SyntheticExport() {}

    public static Written write(Settings settings, Path file, Format format) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(settings, out, format);
        }
    }

    public static Written write(Settings settings, OutputStream out, Format format) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        ExportLines lines = format == Format.CSV ? new CsvLines(writer, SOURCE) : new JsonLines(writer, SOURCE);
        lines.begin();
        long[] records = new long[2];
        tell(settings, settings.mess(), (caseId, centre, events) -> {
            for (RawEvent event : events) {
                lines.write(event);
                records[0]++;
                if (event.corruption != null) {
                    records[1]++;
                }
            }
        });
        writer.flush();
        return new Written(settings.cases(), records[0], records[1], settings.exportDate());
    }

    /** One made-up case: its id, centre and events, in the order its system recorded them. */
    interface Story {
        void told(String caseId, String centre, List<RawEvent> events) throws IOException;
    }

    /**
     * Tells every case's story, one after the other: the same settings give the same women and
     * events whatever is written from them, with {@code mess} deciding what real exports add.
     */
    static void tell(Settings settings, Mess mess, Story story) throws IOException {
        Random random = new Random(settings.seed());
        LocalDate exportDate = settings.exportDate();
        for (int i = 0; i < settings.cases(); i++) {
            int year = settings.startYear() + (int) ((long) i * settings.years() / settings.cases());
            LocalDate identifiedOn = LocalDate.of(year, 1, 1)
                    .plusDays(random.nextInt(LocalDate.of(year, 1, 1).lengthOfYear()));
            String caseId = String.format("AF-%d-%05d", year, i + 1);
            String centre = CENTRE_CODES.get(random.nextInt(settings.centres()));
            story.told(
                    caseId,
                    centre,
                    new CaseStory(new Random(random.nextLong()), caseId, exportDate, mess).tell(identifiedOn, centre));
        }
    }

    /** Detail field names of every type, in a fixed order: the CSV header's details.* columns. */
    static List<String> detailColumns() {
        return new ArrayList<>(List.of(
                "referral_source",
                "exploitation_type",
                "province",
                "research_use",
                "story_use",
                "centre",
                "exit_reason",
                "kind",
                "grade_level",
                "course",
                "certification",
                "sector",
                "support",
                "setting",
                "status",
                "livelihood",
                "income_band",
                "legal_case_ref",
                "charge",
                "outcome",
                "compensation_awarded",
                "reason",
                "voided_source_event_id"));
    }
}
