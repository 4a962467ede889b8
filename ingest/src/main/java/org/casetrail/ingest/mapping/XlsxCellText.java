package org.casetrail.ingest.mapping;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * How a workbook's numeric cell becomes text for a mapping: a date-formatted cell (a date typed in
 * Excel, or a formula's cached date) is its ISO date, whatever its display format; any other number
 * is written out in full, as typed, not as displayed: a phone number 85512345678 is not 8.55E+10
 * and a count 1,000 is 1000.
 */
final class XlsxCellText extends DataFormatter {

    private final boolean date1904;

    /** @param date1904 whether the workbook counts its days from 1904 (older Mac Excel) */
    XlsxCellText(boolean date1904) {
        this.date1904 = date1904;
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, date1904);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
        if (formatString != null
                && DateUtil.isADateFormat(formatIndex, formatString)
                && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        return plain(value);
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
