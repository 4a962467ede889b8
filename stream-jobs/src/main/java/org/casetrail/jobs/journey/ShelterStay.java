package org.casetrail.jobs.journey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One stay in a shelter: from an admission to the next exit, or still open (exit null). */
public record ShelterStay(String centre, LocalDate admitted, LocalDate exited) {

    public boolean completed() {
        return exited != null;
    }

    public long days() {
        return ChronoUnit.DAYS.between(admitted, exited);
    }

    /** Living in the shelter on that day: admitted on or before it, not yet exited. */
    public boolean residentOn(LocalDate day) {
        return !admitted.isAfter(day) && (exited == null || exited.isAfter(day));
    }
}
