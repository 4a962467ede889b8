package org.casetrail.ingest.publish;

/** Names of the topics that make up the event log. */
public final class EventLogTopics {

    public static final String DEFAULT_EVENTS = "case-events";

    private EventLogTopics() {}

    /** The reject channel that goes with an events topic: {@code <topic>-rejected}. */
    public static String rejectedFor(String eventsTopic) {
        return eventsTopic + "-rejected";
    }
}
