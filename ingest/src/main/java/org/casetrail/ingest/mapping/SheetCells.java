package org.casetrail.ingest.mapping;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The cells of a sheet's XML as text, row by row, through SAX: for a sheet not in UTF-8, which
 * {@link SheetBytes} does not read, and as the reference that {@link SheetBytes} is held to in its
 * tests. What a cell gives is decided here for both ({@link #emit}): a shared string is looked up
 * in {@link SharedStringList}'s array, a number made text by {@link XlsxCellText}, a formula gives
 * its cached value, a boolean TRUE or FALSE, an error is flagged. (POI's own sheet handler builds a
 * rich text object and looks the style up again for every cell, which on a sheet of tens of
 * thousands of rows was most of the read.)
 */
final class SheetCells extends DefaultHandler {

    /** Receives the cells, a row at a time, rows in the order the sheet lists them. */
    interface Rows {
        void startRow(int row);

        /** Whether the cells of a column are wanted: the others are passed over, their text never made. */
        default boolean wants(int column) {
            return true;
        }

        /** A cell with a value, by 0-based column; {@code error} for #N/A, #DIV/0! and the like. */
        void cell(int column, String value, boolean error);

        void endRow(int row);
    }

    private final String[] strings;
    private final XlsxCellText numbers;
    private final Rows rows;
    private final StringBuilder value = new StringBuilder(64);
    private boolean collecting;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean hasValue;
    private int row = -1;
    private int column;
    private int nextColumn;
    private String type;
    private int style;

    SheetCells(String[] strings, XlsxCellText numbers, Rows rows) {
        this.strings = strings;
        this.numbers = numbers;
        this.rows = rows;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "row" -> {
                String number = attributes.getValue("r");
                row = number == null ? row + 1 : Integer.parseInt(number) - 1;
                nextColumn = 0;
                rows.startRow(row);
            }
            case "c" -> {
                String reference = attributes.getValue("r");
                column = reference == null ? nextColumn : column(reference);
                type = attributes.getValue("t");
                String styleIndex = attributes.getValue("s");
                style = styleIndex == null ? 0 : Integer.parseInt(styleIndex);
                hasValue = false;
                value.setLength(0);
            }
            case "v" -> {
                collecting = true;
                hasValue = true;
                value.setLength(0);
            }
            case "is" -> {
                inInline = true;
                hasValue = true;
                value.setLength(0);
            }
            case "rPh" -> inPhonetic = true;
            case "t" -> collecting = inInline && !inPhonetic;
            default -> {}
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "v", "t" -> collecting = false;
            case "rPh" -> inPhonetic = false;
            case "is" -> inInline = false;
            case "c" -> {
                if (hasValue) {
                    emit();
                }
                nextColumn = column + 1;
            }
            case "row" -> rows.endRow(row);
            default -> {}
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (collecting) {
            value.append(ch, start, length);
        }
    }

    private void emit() {
        if (rows.wants(column)) {
            emit(rows, column, type, style, value, strings, numbers);
        }
    }

    /**
     * Hands on a cell's text by its type ({@code t}): a shared string's by its number, an inline
     * string's decoded, a formula's cached text, TRUE or FALSE, an error flagged, a number as
     * {@link XlsxCellText} writes it for the cell's style.
     */
    static void emit(
            Rows rows, int column, String type, int style, CharSequence value, String[] strings, XlsxCellText numbers) {
        String kind = type == null ? "n" : type;
        switch (kind) {
            case "s" -> {
                int index = parseIndex(value);
                rows.cell(column, index >= 0 && index < strings.length ? strings[index] : null, false);
            }
            case "inlineStr" -> rows.cell(column, SharedStringList.decoded(value), false);
            case "str", "d" -> rows.cell(column, value.toString(), false);
            case "b" -> {
                if (!value.isEmpty()) {
                    rows.cell(column, value.charAt(0) == '0' ? "FALSE" : "TRUE", false);
                }
            }
            case "e" -> rows.cell(column, "ERROR:" + value, true);
            default -> {
                if (!value.isEmpty()) {
                    rows.cell(column, numbers.number(value.toString(), style), false);
                }
            }
        }
    }

    private static int parseIndex(CharSequence digits) {
        int index = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return digits.isEmpty() ? -1 : index;
    }

    /** The 0-based column of a cell reference such as {@code AJ12}. */
    static int column(String reference) {
        int column = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                column = column * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                column = column * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        return column - 1;
    }
}
