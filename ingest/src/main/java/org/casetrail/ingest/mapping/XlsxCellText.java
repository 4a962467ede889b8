package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * How a workbook's numeric cell becomes text for a mapping: a date-formatted cell (a date typed in
 * Excel, or a formula's cached date) is its ISO date, whatever its display format; any other number
 * is written out in full, as typed, not as displayed: a phone number 85512345678 is not 8.55E+10
 * and a count 1,000 is 1000. A cell's style says its number format: the workbook's styles part is
 * read once for the number format of each style ({@code cellXfs}) and the formats it defines
 * ({@code numFmts}), and whether a style is a date worked out once.
 */
final class XlsxCellText {

    private static final byte UNKNOWN = 0;
    private static final byte DATE = 1;
    private static final byte NOT_DATE = 2;
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final boolean date1904;
    private final int[] formatOfStyle;
    private final Map<Integer, String> formats;
    private final byte[] dateStyles;

    /**
     * @param date1904      whether the workbook counts its days from 1904 (older Mac Excel)
     * @param formatOfStyle the number format id of each cell style, by style index
     * @param formats       the format strings the workbook defines, by id (the built-in ones it need not)
     */
    XlsxCellText(boolean date1904, int[] formatOfStyle, Map<Integer, String> formats) {
        this.date1904 = date1904;
        this.formatOfStyle = formatOfStyle;
        this.formats = formats;
        this.dateStyles = new byte[formatOfStyle.length];
    }

    /** The number formats of a workbook's styles part ({@code xl/styles.xml}); none without one. */
    static XlsxCellText read(boolean date1904, InputStream styles) throws IOException {
        List<Integer> formatOfStyle = new ArrayList<>();
        Map<Integer, String> formats = new HashMap<>();
        if (styles != null) {
            try {
                XMLReader reader = XMLHelper.newXMLReader();
                reader.setContentHandler(new DefaultHandler() {
                    private boolean inCellXfs;

                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) {
                        switch (localName) {
                            case "numFmt" -> {
                                String id = attributes.getValue("numFmtId");
                                String code = attributes.getValue("formatCode");
                                if (id != null && code != null) {
                                    formats.put(Integer.parseInt(id.strip()), code);
                                }
                            }
                            case "cellXfs" -> inCellXfs = true;
                            case "xf" -> {
                                if (inCellXfs) {
                                    String id = attributes.getValue("numFmtId");
                                    formatOfStyle.add(id == null ? 0 : Integer.parseInt(id.strip()));
                                }
                            }
                            default -> {}
                        }
                    }

                    @Override
                    public void endElement(String uri, String localName, String qName) {
                        if (localName.equals("cellXfs")) {
                            inCellXfs = false;
                        }
                    }
                });
                reader.parse(new InputSource(styles));
            } catch (SAXException | ParserConfigurationException | NumberFormatException e) {
                throw new IOException("unreadable styles (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return new XlsxCellText(
                date1904, formatOfStyle.stream().mapToInt(Integer::intValue).toArray(), formats);
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
                return iso(EXCEL_EPOCH.plusDays((long) value));
            }
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        return plain(value);
    }

    /** The text of a whole number (saved as {@code 40000} or {@code 40000.0}) in a cell of the given style. */
    String wholeNumber(long value, int style) {
        if (isDateStyle(style)) {
            if (!date1904 && value >= 61 && value <= MAX_SERIAL) {
                return iso(EXCEL_EPOCH.plusDays(value));
            }
            return number(Long.toString(value), style);
        }
        return Long.toString(value);
    }

    /** Excel's last day, 9999-12-31. */
    private static final long MAX_SERIAL = 2_958_465;

    private boolean isDateStyle(int style) {
        if (style < 0 || style >= dateStyles.length) {
            return false;
        }
        if (dateStyles[style] == UNKNOWN) {
            int id = formatOfStyle[style];
            String format = formats.containsKey(id) ? formats.get(id) : BuiltinFormats.getBuiltinFormat(id);
            dateStyles[style] = format != null && DateUtil.isADateFormat(id, format) ? DATE : NOT_DATE;
        }
        return dateStyles[style] == DATE;
    }

    /** A date of years 1 to 9999 as {@code yyyy-MM-dd}, which is what {@link LocalDate#toString} writes. */
    static String iso(LocalDate date) {
        int year = date.getYear();
        if (year < 1 || year > 9999) {
            return date.toString();
        }
        char[] text = new char[10];
        text[0] = (char) ('0' + year / 1000);
        text[1] = (char) ('0' + year / 100 % 10);
        text[2] = (char) ('0' + year / 10 % 10);
        text[3] = (char) ('0' + year % 10);
        text[4] = '-';
        text[5] = (char) ('0' + date.getMonthValue() / 10);
        text[6] = (char) ('0' + date.getMonthValue() % 10);
        text[7] = '-';
        text[8] = (char) ('0' + date.getDayOfMonth() / 10);
        text[9] = (char) ('0' + date.getDayOfMonth() % 10);
        return new String(text);
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
