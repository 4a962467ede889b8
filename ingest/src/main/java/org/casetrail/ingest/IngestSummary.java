package org.casetrail.ingest;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.casetrail.schemas.event.RejectReason;

/** The tally of one ingest run: every non-empty input line is either accepted or rejected. */
public final class IngestSummary {

    private long accepted;
    private final Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);

    void countAccepted() {
        accepted++;
    }

    void countRejected(RejectReason reason) {
        rejectedByReason.merge(reason, 1L, Long::sum);
    }

    public long read() {
        return accepted + rejected();
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<RejectReason, Long> rejectedByReason() {
        return Collections.unmodifiableMap(rejectedByReason);
    }

    /** The closing line of a run: {@code read N, accepted A, rejected R}. */
    public String line() {
        String line = "read " + read() + ", accepted " + accepted + ", rejected " + rejected();
        if (!rejectedByReason.isEmpty()) {
            line += " ("
                    + rejectedByReason.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + ")";
        }
        return line;
    }
}
