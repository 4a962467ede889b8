package org.casetrail.ingest.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * How a workbook's numeric cell becomes text for a mapping: a date-formatted cell (a date typed in
 * Excel, or a formula's cached date) is its ISO date, whatever its display format; any other number
 * is written out in full, as typed, not as displayed: a phone number 85512345678 is not 8.55E+10
 * and a count 1,000 is 1000. Whether a cell style is a date format is worked out once per style.
 */
final class XlsxCellText {

    private static final byte UNKNOWN = 0;
    private static final byte DATE = 1;
    private static final byte NOT_DATE = 2;

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final boolean date1904;
    private final StylesTable styles;
    private final byte[] dateStyles;

    /**
     * @param date1904 whether the workbook counts its days from 1904 (older Mac Excel)
     * @param styles   the workbook's cell styles, or null when it has none
     */
    XlsxCellText(boolean date1904, StylesTable styles) {
        this.date1904 = date1904;
        this.styles = styles;
        this.dateStyles = new byte[styles == null ? 0 : styles.getNumCellStyles()];
    }

    /** The text of a number as saved ({@code <v>}) in a cell of the given style index. */
    String number(String saved, int style) {
        double value;
        try {
            value = Double.parseDouble(saved);
        } catch (NumberFormatException notANumber) {
            return saved;
        }
        if (isDateStyle(style) && DateUtil.isValidExcelDate(value)) {
            // A whole day past Excel's phantom 29 February 1900 is a count of days from 1899-12-30.
            if (!date1904 && value >= 61 && value == Math.rint(value)) {
                return EXCEL_EPOCH.plusDays((long) value).toString();
            }
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        return plain(value);
    }

    private boolean isDateStyle(int style) {
        if (style < 0 || style >= dateStyles.length) {
            return false;
        }
        if (dateStyles[style] == UNKNOWN) {
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            String format = cellStyle == null ? null : cellStyle.getDataFormatString();
            dateStyles[style] =
                    format != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), format) ? DATE : NOT_DATE;
        }
        return dateStyles[style] == DATE;
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
