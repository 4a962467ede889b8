package org.casetrail.ingest.mapping;

import java.util.List;

/**
 * How a row's case identity is made: from one column (a case number) or several (given name,
 * family name, birth date), each normalised as {@link Labels} says, so that the same woman is the
 * same case in any export and any row order. The result is the contract's {@code case_id}, which
 * ingest pseudonymizes like any other.
 */
record CaseIdRule(List<Part> parts, int line) {

    /**
     * One column of the identity. A part with date patterns is read as a date, so 3/5/1990 and
     * 03/05/1990 are one birth date; an optional part may be empty.
     */
    record Part(ColumnRef column, DatePatterns dates, boolean optional) {}
}
