package org.casetrail.jobs.release;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.casetrail.jobs.disclosure.CellStatistics;
import org.casetrail.jobs.disclosure.PublishedCell;
import org.casetrail.jobs.journey.CaseJourney;
import org.casetrail.jobs.journey.Checkpoint;
import org.casetrail.jobs.journey.FollowUpWindow;
import org.casetrail.jobs.journey.Testimony;
import org.casetrail.jobs.journey.TrainingEnrolment;
import org.casetrail.jobs.outcomes.OutcomeCell;
import org.casetrail.schemas.table.Column;
import org.casetrail.schemas.table.TableSpec;

/** Rows of the warehouse tables as Avro records of their {@link TableSpec#avroSchema()}. */
public final class TableRows {

    private TableRows() {}

    public static GenericRecord published(TableSpec spec, Schema schema, PublishedCell cell) {
        GenericRecord row = new GenericData.Record(schema);
        List<Column> keys = spec.keys();
        for (int i = 0; i < keys.size(); i++) {
            row.put(keys.get(i).name(), typed(keys.get(i), cell.key()[i]));
        }
        List<Column> counts = spec.counts();
        for (int i = 0; i < counts.size(); i++) {
            row.put(counts.get(i).name(), cell.counts()[i]);
        }
        List<Column> statistics = spec.statistics();
        for (int i = 0; i < statistics.size(); i++) {
            row.put(statistics.get(i).name(), cell.statistics()[i]);
        }
        row.put("suppressed", cell.suppressed());
        return row;
    }

    /** A cell before disclosure control: every count, every median and rate over any denominator. */
    public static GenericRecord unsuppressed(TableSpec spec, Schema schema, OutcomeCell cell) {
        GenericRecord row = new GenericData.Record(schema);
        List<Column> keys = spec.keys();
        for (int i = 0; i < keys.size(); i++) {
            row.put(keys.get(i).name(), typed(keys.get(i), cell.key[i]));
        }
        List<Column> counts = spec.counts();
        for (int i = 0; i < counts.size(); i++) {
            row.put(counts.get(i).name(), cell.counts[i]);
        }
        Double[] statistics = CellStatistics.EXACT.of(spec, cell, cell.counts);
        for (int i = 0; i < statistics.length; i++) {
            row.put(spec.statistics().get(i).name(), statistics[i]);
        }
        for (int i = 0; i < counts.size(); i++) {
            row.put(
                    TableSpec.cellKeyColumn(counts.get(i)),
                    cell.cellKey(i, counts.get(i).name()));
        }
        return row;
    }

    private static Object typed(Column column, String value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case INT -> Integer.parseInt(value);
            case LONG -> Long.parseLong(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            default -> value;
        };
    }

    public static GenericRecord testimony(Schema schema, CaseJourney journey, Testimony testimony) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("changed_name", testimony.changedName());
        row.put("year", testimony.recordedOn().getYear());
        row.put("centre", journey.centre());
        row.put("text", testimony.text());
        return row;
    }

    public static GenericRecord journey(Schema schema, CaseJourney j) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("case_pseudonym", j.casePseudonym());
        row.put("identified_on", (int) j.identifiedOn().toEpochDay());
        row.put("centre", j.centre());
        row.put("referral_source", j.referralSource().name());
        row.put("exploitation_type", j.exploitationType().name());
        row.put("age_band", j.ageBand().name());
        row.put("minor", j.minor());
        row.put("province", j.province());
        row.put("nationality", j.nationality());
        row.put("story_consent", j.storyConsent());
        row.put("shelter_stays", j.stays().size());
        row.put("shelter_days", j.shelterDays());
        row.put(
                "reintegrated_on",
                j.reintegratedOn() == null ? null : (int) j.reintegratedOn().toEpochDay());
        row.put("days_to_reintegration", j.daysToReintegration());
        for (FollowUpWindow window : FollowUpWindow.values()) {
            Checkpoint checkpoint = j.checkpoint(window);
            row.put(
                    "status_" + window.months() + "m",
                    checkpoint == null ? null : checkpoint.status().name());
        }
        Checkpoint m12 = j.checkpoint(FollowUpWindow.MONTHS_12);
        row.put("independent_12m", m12 == null ? null : m12.economicallyIndependent());
        row.put("retrafficked_24m", j.reintegratedOn() == null ? null : j.retrafficked24m());
        row.put("trainings_enrolled", j.trainings().size());
        row.put("trainings_completed", (int)
                j.trainings().stream().filter(TrainingEnrolment::isCompleted).count());
        row.put("legal_cases", j.legalCases().size());
        row.put("closed_on", j.closedOn() == null ? null : (int) j.closedOn().toEpochDay());
        row.put(
                "closure_reason",
                j.closureReason() == null ? null : j.closureReason().name());
        row.put("events", j.eventsCounted());
        return row;
    }
}
