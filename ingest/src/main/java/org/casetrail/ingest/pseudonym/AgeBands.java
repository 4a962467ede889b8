package org.casetrail.ingest.pseudonym;

import java.time.LocalDate;
import java.time.Period;
import org.casetrail.schemas.event.AgeBand;

/** Birth dates never leave ingest: they become the age band on the day of the event. */
public final class AgeBands {

    private AgeBands() {}

    /** Age in whole years on {@code on}; UNKNOWN without a birth date or with one after the event. */
    public static AgeBand at(LocalDate birthDate, LocalDate on) {
        if (birthDate == null || birthDate.isAfter(on)) {
            return AgeBand.UNKNOWN;
        }
        int years = Period.between(birthDate, on).getYears();
        if (years <= 11) {
            return AgeBand.AGE_0_11;
        } else if (years <= 14) {
            return AgeBand.AGE_12_14;
        } else if (years <= 17) {
            return AgeBand.AGE_15_17;
        } else if (years <= 24) {
            return AgeBand.AGE_18_24;
        } else if (years <= 34) {
            return AgeBand.AGE_25_34;
        }
        return AgeBand.AGE_35_PLUS;
    }

    /** Under 18 on {@code on}; null when the birth date is unknown. */
    public static Boolean minor(LocalDate birthDate, LocalDate on) {
        if (birthDate == null || birthDate.isAfter(on)) {
            return null;
        }
        return Period.between(birthDate, on).getYears() < 18;
    }
}
