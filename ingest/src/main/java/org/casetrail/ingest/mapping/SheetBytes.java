package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A sheet's XML read straight from its bytes ({@link XmlBytes}), as {@link SheetCells} reads it
 * through SAX, for the few elements a sheet's cells are made of: {@code row}, {@code c} (its
 * reference, type and style), {@code v}, and an inline string's {@code is}/{@code t} (phonetic
 * guides {@code rPh} left out). Everything else (formulas, views, validations, extensions) is
 * passed over. Most of a mapped export's time went to a general XML parser working out what a sheet
 * never holds.
 */
final class SheetBytes extends XmlBytes {

    /** Rows read at a time: the caller maps them out of the reading loop, so the two are compiled apart. */
    static final int BATCH = 256;

    private static final byte[] ROW = ascii("row");
    private static final byte[] C = ascii("c");
    private static final byte[] V = ascii("v");
    private static final byte[] IS = ascii("is");
    private static final byte[] T = ascii("t");
    private static final byte[] R_PH = ascii("rPh");

    private final String[] strings;
    private final XlsxCellText numbers;
    private final SheetCells.Rows rows;

    private boolean isRow;
    private boolean isCell;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean hasValue;
    private int row = -1;
    private int column;
    private int nextColumn;
    private String type;
    private int style;

    SheetBytes(InputStream in, String[] strings, XlsxCellText numbers, SheetCells.Rows rows) {
        super(in);
        this.strings = strings;
        this.numbers = numbers;
        this.rows = rows;
    }

    @Override
    void begin() {
        isRow = localNameIs(ROW);
        isCell = !isRow && localNameIs(C);
        if (isRow) {
            row = row + 1;
            nextColumn = 0;
        } else if (isCell) {
            column = nextColumn;
            type = null;
            style = 0;
            hasValue = false;
            clearText();
        }
    }

    @Override
    void attribute(byte[] localName, int start, int length) {
        if (length != 1 || !(isRow || isCell)) {
            return;
        }
        byte only = localName[start];
        if (isRow && only == 'r') {
            int number = wholeNumber();
            row = number > 0 ? number - 1 : row;
        } else if (isCell && only == 'r') {
            int at = reference();
            column = at >= 0 ? at : column;
        } else if (isCell && only == 't') {
            type = cellType();
        } else if (isCell && only == 's') {
            style = Math.max(wholeNumber(), 0);
        }
    }

    @Override
    void started(boolean selfClosing) {
        if (isRow) {
            rows.startRow(row);
            if (selfClosing) {
                rows.endRow(row);
                ended++;
            }
        } else if (isCell) {
            if (selfClosing) {
                nextColumn = column + 1;
            }
        } else if (localNameIs(V)) {
            collecting = !selfClosing;
            hasValue = true;
            clearText();
        } else if (localNameIs(IS)) {
            inInline = !selfClosing;
            hasValue = true;
            clearText();
        } else if (localNameIs(R_PH)) {
            inPhonetic = !selfClosing;
        } else if (localNameIs(T)) {
            collecting = inInline && !inPhonetic && !selfClosing;
        }
    }

    @Override
    void ended() {
        if (localNameIs(V) || localNameIs(T)) {
            collecting = false;
        } else if (localNameIs(R_PH)) {
            inPhonetic = false;
        } else if (localNameIs(IS)) {
            inInline = false;
        } else if (localNameIs(C)) {
            if (hasValue && rows.wants(column)) {
                emit();
            }
            nextColumn = column + 1;
        } else if (localNameIs(ROW)) {
            rows.endRow(row);
            ended++;
        }
    }

    /**
     * The cell's text: a shared string's and a whole number's straight from the bytes (most cells
     * of a sheet), any other as {@link SheetCells#emit} makes it.
     */
    private void emit() {
        if (type == SHARED) {
            int index = textWholeNumber();
            rows.cell(column, index >= 0 && index < strings.length ? strings[index] : null, false);
            return;
        }
        if (type == null) {
            long whole = textWholeDecimal();
            if (whole >= 0) {
                rows.cell(column, numbers.wholeNumber(whole, style), false);
                return;
            }
        }
        SheetCells.emit(rows, column, type, style, textValue(), strings, numbers);
    }

    private static final String SHARED = "s";

    /** The cell's type, as one of the constants {@link SheetCells#emit} knows, without a new string for it. */
    private String cellType() {
        if (attributeIs("s")) {
            return SHARED;
        }
        if (attributeIs("n")) {
            return null;
        }
        for (String known : new String[] {"str", "b", "e", "inlineStr", "d"}) {
            if (attributeIs(known)) {
                return known;
            }
        }
        return new String(attribute, 0, attributeLength, StandardCharsets.US_ASCII);
    }

    /** Reads the whole sheet. */
    void read() throws IOException {
        readAll();
    }
}
