package org.casetrail.jobs.journey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.casetrail.schemas.event.Charge;
import org.casetrail.schemas.event.Verdict;

/** One court case, told apart by its pseudonymized reference; its verdict is its latest outcome. */
public record LegalCase(
        String ref, LocalDate filed, Charge charge, Verdict verdict, LocalDate verdictOn, boolean compensationAwarded) {

    public boolean pending() {
        return verdict == null;
    }

    public long daysToVerdict() {
        return ChronoUnit.DAYS.between(filed, verdictOn);
    }
}
