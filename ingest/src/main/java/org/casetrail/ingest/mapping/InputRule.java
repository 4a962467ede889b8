package org.casetrail.ingest.mapping;

import java.nio.charset.Charset;
import java.util.List;

/**
 * One table of an export: a CSV file or a workbook's sheet, its layout, and how its rows become
 * records of the contract.
 *
 * @param file       a glob on file names ({@code *.xlsx}, {@code form-services.csv})
 * @param charset    the CSV's encoding, or null to tell it from its byte-order mark (UTF-8 without one)
 * @param headerRow  1-based row (CSV: record) of the column names
 * @param dataRow    1-based row of the first data row
 * @param key        the columns that tell apart the rows of one case (a follow-up's date, ODK's
 *                   {@code KEY}); empty when a case has one row. Part of every record id, so
 *                   never a row number
 * @param linkKey    the column whose value its children's {@code parent_key} holds: {@code link_key},
 *                   else a {@code key} of one column; null when there is neither
 * @param parent     the input whose rows this one's rows belong to (a repeat group's), or null
 * @param parentKey  the column holding the parent row's key ({@code PARENT_KEY}), with a parent
 * @param caseId     the case identity, or null to take the parent row's
 * @param optional   whether the input may match none of the files given
 */
record InputRule(
        String name,
        String file,
        Format format,
        char delimiter,
        char quote,
        Charset charset,
        String sheet,
        int headerRow,
        int dataRow,
        List<ColumnRef> key,
        ColumnRef linkKey,
        String parent,
        ColumnRef parentKey,
        CaseIdRule caseId,
        List<FieldRule> person,
        List<EventRule> events,
        boolean optional,
        int line) {

    enum Format {
        CSV,
        XLSX
    }

    String describe() {
        return "input '" + name + "'";
    }
}
