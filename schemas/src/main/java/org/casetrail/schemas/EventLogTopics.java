package org.casetrail.schemas;

/**
 * Names of the topics that make up the event log, here in the shared module because ingest writes
 * them and the jobs read them (neither module may depend on the other).
 */
public final class EventLogTopics {

    public static final String DEFAULT_EVENTS = "case-events";

    /**
     * The header of every sealed event that names the pseudonymization key's fingerprint (the same
     * on every event of a log), so a job can check the key without opening an event.
     */
    public static final String FINGERPRINT_HEADER = "key-fingerprint";

    private EventLogTopics() {}

    /** The reject channel that goes with an events topic: {@code <topic>-rejected}. */
    public static String rejectedFor(String eventsTopic) {
        return eventsTopic + "-rejected";
    }

    /** The compacted topic of the data keys that seal the events of each case: {@code <topic>-case-keys}. */
    public static String caseKeysFor(String eventsTopic) {
        return eventsTopic + "-case-keys";
    }
}
