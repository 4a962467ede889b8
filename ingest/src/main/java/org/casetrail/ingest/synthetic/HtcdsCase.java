package org.casetrail.ingest.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * One woman of a generated HTCDS workbook: who her rows say she is, and what mappings/htcds-v2-excel.yaml
 * makes of her, so that a test can compare what ingest and replay made with what was written.
 *
 * @param dateOfBirth     her birth date, or null when her rows leave it empty
 * @param identifiedOn    the date of her identification as the mapping reads it: her incoming
 *                        referral date, or the snapshot's date when the row has none
 * @param referralSource  the referral source code the mapping gives her row
 * @param exploitation    the exploitation type code of her row
 * @param researchConsent her Consent cell as the mapping reads it; null when the cell is empty
 * @param closedOn        the date the mapping closes her case, or null when it is not closed
 * @param closureReason   the reason code of that closure, or null
 * @param identifiers     every identifying value written on her rows, as written: names, birth
 *                        date, phones, e-mail, street, postal code, village, and the names of the
 *                        staff and officers on her case
 */
public record HtcdsCase(
        String givenName,
        String familyName,
        LocalDate dateOfBirth,
        LocalDate identifiedOn,
        String referralSource,
        String exploitation,
        Boolean researchConsent,
        LocalDate closedOn,
        String closureReason,
        List<String> identifiers) {}
