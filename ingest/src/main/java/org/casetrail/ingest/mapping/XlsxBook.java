package org.casetrail.ingest.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the sheets of one workbook share, read once however many inputs read its sheets, and
 * however often: its shared strings, how its styles show numbers, and each sheet's merged areas.
 * An export's mapping opens a workbook once to check its headers and again to read its rows, and
 * the HTCDS mapping reads three sheets of one file.
 */
final class XlsxBook {

    String[] strings;
    XlsxCellText numbers;
    private final Map<String, MergedCells> merged = new HashMap<>();

    MergedCells merged(String sheet) {
        return merged.get(sheet.toLowerCase(Locale.ROOT));
    }

    void merged(String sheet, MergedCells areas) {
        merged.put(sheet.toLowerCase(Locale.ROOT), areas);
    }
}
