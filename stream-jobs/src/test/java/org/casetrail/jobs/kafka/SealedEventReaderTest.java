package org.casetrail.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.casetrail.jobs.flink.LogNotice;
import org.casetrail.jobs.flink.LoggedEvent;
import org.casetrail.jobs.journey.CaseHash;
import org.casetrail.jobs.journey.Events;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.CaseEvent;
import org.junit.jupiter.api.Test;

/** One record of the events topic at a time, as the job's source reads it, with no Kafka and no Flink. */
class SealedEventReaderTest {

    private final SealedLog log = new SealedLog();
    private final SealedEventReader reader = new SealedEventReader(
            log.keysTopic()::get, recordKey -> log.keysTopic().remove(recordKey));
    private final CaseEvent makaraIdentified = new Events("makara").identified("makara-id", "2010-03-01");

    /** How often the reader asked whether a record carries the fingerprint header. */
    private int headerAsked;

    private LoggedEvent read(SealedLog.Record record, long position) throws Exception {
        return reader.read(
                record.key(),
                record.value(),
                () -> {
                    headerAsked++;
                    return record.sealedByIngest();
                },
                position);
    }

    @Test
    void aSealedEventOpensToItsContentGroupedByHerRecordKey() throws Exception {
        SealedLog.Record sealed = log.append(makaraIdentified);

        LoggedEvent event = read(sealed, 7);

        assertThat(event.isNotice()).isFalse();
        assertThat(event.bytes()).isEqualTo(CaseEventCodec.encode(makaraIdentified));
        assertThat(event.caseHash())
                .isEqualTo(CaseHash.of(log.keyOf("makara").recordKey()))
                .isNotEqualTo(CaseHash.of("makara"));
        assertThat(event.day()).isEqualTo((int) Events.day("2010-03-01").toEpochDay());
        assertThat(event.position()).isEqualTo(7);
        assertThat(reader.plainEvents()).isZero();
        assertThat(headerAsked).as("headers looked at for a record that opened").isZero();
    }

    @Test
    void anUnsealedEventIsReadAsItIsGroupedByItsPseudonymAndCounted() throws Exception {
        LoggedEvent event = read(SealedLog.plain(makaraIdentified), 3);

        assertThat(event).usingRecursiveComparison().isEqualTo(LoggedEvent.of(makaraIdentified, 3));
        assertThat(reader.plainEvents()).isEqualTo(1);
    }

    @Test
    void anErasureIsANoticeUnderHerRecordKeyAndHerKeyOpensNothingAfter() throws Exception {
        SealedLog.Record before = log.append(makaraIdentified);
        String recordKey = log.keyOf("makara").recordKey();
        assertThat(read(before, 0).isNotice()).isFalse();

        LoggedEvent erasure = read(log.appendErasure("makara"), 1);

        assertThat(erasure.isNotice()).isTrue();
        assertThat(erasure.notice()).isEqualTo(LogNotice.ERASURE);
        assertThat(erasure.caseHash()).isEqualTo(CaseHash.of(recordKey));
        assertThat(erasure.position()).isEqualTo(1);
        assertThat(log.keysTopic()).doesNotContainKey(recordKey);
        // Her tombstone not read yet: the record read again (a stream restarted before it) opens no more.
        LoggedEvent again = read(before, 0);
        assertThat(again.notice()).isEqualTo(LogNotice.NO_DATA_KEY);
        assertThat(again.caseHash()).isEqualTo(CaseHash.of(recordKey));
    }

    @Test
    void aRecordWhoseKeyIsGoneIsCountedWithoutDataKey() throws Exception {
        SealedLog.Record sealed = log.append(makaraIdentified);
        log.tombstone("makara");

        LoggedEvent notice = read(sealed, 0);

        assertThat(notice.isNotice()).isTrue();
        assertThat(notice.notice()).isEqualTo(LogNotice.NO_DATA_KEY);
    }

    @Test
    void herEventMovedUnderAnotherWomansRecordKeyIsTampered() throws Exception {
        SealedLog.Record hers = log.append(makaraIdentified);
        SealedLog.Record other = log.append(new Events("sokha").identified("sokha-id", "2010-04-01"));

        LoggedEvent moved = read(new SealedLog.Record(other.key(), hers.value(), true), 2);

        assertThat(moved.notice()).isEqualTo(LogNotice.TAMPERED);
        assertThat(moved.caseHash()).isEqualTo(CaseHash.of(log.keyOf("sokha").recordKey()));
    }

    /**
     * Every byte of a sealed event changed: its marker and kind bytes in each of the 255 ways they
     * can be (into no value of the log, another kind, or Avro's marker), every other byte in a few
     * (its tag answers any change alike): a tampered notice each time.
     */
    @Test
    void everyByteOfASealedEventFlippedIsATamperedNoticeNeverAnEventNorAnError() {
        SealedLog.Record sealed = log.append(makaraIdentified);

        Map<String, Integer> outcomes = flipEveryByte(sealed);

        assertThat(outcomes).containsOnlyKeys(LogNotice.TAMPERED.name());
    }

    /** Once her key is gone, a changed record of hers is skipped as one whose key is gone, or as tampered. */
    @Test
    void everyByteOfAnErasedWomansEventFlippedIsSkippedNeverAnEventNorAnError() {
        SealedLog.Record sealed = log.append(makaraIdentified);
        log.tombstone("makara");

        Map<String, Integer> outcomes = flipEveryByte(sealed);

        assertThat(outcomes).containsOnlyKeys(LogNotice.NO_DATA_KEY.name(), LogNotice.TAMPERED.name());
    }

    /** How many of the record's one-byte changes gave each notice, event, or exception (by position where not a notice). */
    private Map<String, Integer> flipEveryByte(SealedLog.Record sealed) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int[] aFew = {0x01, 0x10, 0x80, 0xFF};
        int[] every = IntStream.rangeClosed(1, 255).toArray();
        for (int at = 0; at < sealed.value().length; at++) {
            for (int flip : at < 2 ? every : aFew) {
                byte[] changed = sealed.value().clone();
                changed[at] ^= (byte) flip;
                String outcome;
                try {
                    LoggedEvent read = reader.read(sealed.key(), changed, sealed.sealedByIngest(), 0);
                    outcome = read.isNotice() ? read.notice().name() : "event at byte " + at;
                } catch (Exception e) {
                    outcome = e.getClass().getSimpleName() + " at byte " + at + ": " + e.getMessage();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        return outcomes;
    }

    @Test
    void aSealedEventWhoseMarkerBecameAvrosIsNotCountedAsAnUnsealedEvent() throws Exception {
        SealedLog.Record sealed = log.append(makaraIdentified);
        byte[] changed = sealed.value().clone();
        changed[0] = (byte) 0xC3;

        assertThat(read(new SealedLog.Record(sealed.key(), changed, true), 0).notice())
                .isEqualTo(LogNotice.TAMPERED);
        assertThat(reader.plainEvents()).isZero();
    }

    @Test
    void bytesThatAreNoRecordOfTheLogStopTheReadSayingWhatTheyAreNot() {
        byte[] json = "{\"case_id\": \"KH-0001\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read("some-key".getBytes(StandardCharsets.US_ASCII), json, false, 0))
                .isInstanceOf(SealedEventReader.UnreadableRecordException.class)
                .hasMessage("is not an Avro single-object encoded case event, nor a sealed one");
    }
}
