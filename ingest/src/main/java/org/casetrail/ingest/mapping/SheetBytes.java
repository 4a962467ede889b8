package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A sheet's XML read straight from its bytes, as {@link SheetCells} reads it through SAX, for the
 * few elements a sheet's cells are made of: {@code row}, {@code c} (its reference, type and style),
 * {@code v}, and an inline string's {@code is}/{@code t} (phonetic guides {@code rPh} left out).
 * Everything else (formulas, views, validations, extensions) is passed over. Sheets are
 * machine-written, and most of a mapped export's time went to a general XML parser working out
 * what a sheet never holds; this reader is several times faster on the same bytes. It takes the XML
 * as XML has it: namespace prefixes, either quote, comments, processing instructions, CDATA,
 * character and predefined entity references, line ends made {@code \n}; a document type
 * declaration is refused, as the SAX reader refuses it. For UTF-8 only, Excel's encoding: a sheet
 * declared otherwise is read with SAX ({@link #utf8}).
 */
final class SheetBytes {

    private static final int BUFFER = 1 << 16;
    private static final byte[] ROW = ascii("row");
    private static final byte[] C = ascii("c");
    private static final byte[] V = ascii("v");
    private static final byte[] IS = ascii("is");
    private static final byte[] T = ascii("t");
    private static final byte[] R_PH = ascii("rPh");

    private final InputStream in;
    private final String[] strings;
    private final XlsxCellText numbers;
    private final SheetCells.Rows rows;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    private final byte[] name = new byte[128];
    private int nameLength;
    private final byte[] attributeName = new byte[128];
    private byte[] attribute = new byte[64];
    private int attributeLength;
    private byte[] text = new byte[256];
    private int textLength;

    private boolean collecting;
    private boolean inInline;
    private boolean inPhonetic;
    private boolean hasValue;
    private int row = -1;
    private int column;
    private int nextColumn;
    private String type;
    private int style;

    SheetBytes(InputStream in, String[] strings, XlsxCellText numbers, SheetCells.Rows rows) {
        this.in = in;
        this.strings = strings;
        this.numbers = numbers;
        this.rows = rows;
    }

    /**
     * Whether a sheet's XML, whose first bytes are given, is UTF-8: no UTF-16 byte-order mark, and
     * no other encoding declared.
     */
    static boolean utf8(byte[] start, int length) {
        if (length >= 2
                && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                        || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE))) {
            return false;
        }
        String head = new String(start, 0, length, StandardCharsets.ISO_8859_1);
        int declaration = head.indexOf("?>");
        if (!head.startsWith("<?xml") && !head.startsWith("\u00EF\u00BB\u00BF<?xml")) {
            return true;
        }
        String prolog = declaration < 0 ? head : head.substring(0, declaration);
        int encoding = prolog.indexOf("encoding");
        if (encoding < 0) {
            return true;
        }
        String declared = prolog.substring(encoding).replaceAll("^encoding\\s*=\\s*[\"']([^\"']*)[\"'].*$", "$1");
        return declared.equalsIgnoreCase("UTF-8") || declared.equalsIgnoreCase("UTF8");
    }

    void read() throws IOException {
        int b;
        while ((b = next()) >= 0) {
            if (b != '<') {
                if (collecting) {
                    appendText(b);
                }
                continue;
            }
            b = next();
            if (b == '/') {
                endTag();
            } else if (b == '?') {
                skipPast('?', '>');
            } else if (b == '!') {
                declaration();
            } else if (b >= 0) {
                startTag(b);
            }
        }
    }

    private void startTag(int first) throws IOException {
        int b = readName(first);
        boolean isRow = localNameIs(ROW);
        boolean isCell = !isRow && localNameIs(C);
        if (isRow) {
            row = row + 1;
            nextColumn = 0;
        } else if (isCell) {
            column = nextColumn;
            type = null;
            style = 0;
            hasValue = false;
            textLength = 0;
        }
        boolean selfClosing = false;
        while (true) {
            while (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                b = next();
            }
            if (b == '>' || b < 0) {
                break;
            }
            if (b == '/') {
                selfClosing = true;
                b = next();
                continue;
            }
            b = attribute(b, isRow, isCell);
        }
        if (isRow) {
            rows.startRow(row);
            if (selfClosing) {
                rows.endRow(row);
            }
        } else if (isCell) {
            if (selfClosing) {
                nextColumn = column + 1;
            }
        } else if (localNameIs(V)) {
            collecting = !selfClosing;
            hasValue = true;
            textLength = 0;
        } else if (localNameIs(IS)) {
            inInline = !selfClosing;
            hasValue = true;
            textLength = 0;
        } else if (localNameIs(R_PH)) {
            inPhonetic = !selfClosing;
        } else if (localNameIs(T)) {
            collecting = inInline && !inPhonetic && !selfClosing;
        }
    }

    /** Reads one attribute from its first byte; returns the byte after its value. */
    private int attribute(int first, boolean isRow, boolean isCell) throws IOException {
        int b = first;
        int nameStart = 0;
        int length = 0;
        while (b >= 0 && b != '=' && b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '>' && b != '/') {
            if (b == ':') {
                nameStart = length + 1;
            }
            if (length < attributeName.length) {
                attributeName[length++] = (byte) b;
            }
            b = next();
        }
        while (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            b = next();
        }
        if (b != '=') {
            return b; // an attribute without a value is no XML; pass over it
        }
        b = next();
        while (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            b = next();
        }
        if (b != '"' && b != '\'') {
            throw new IOException("unreadable sheet XML (an attribute without quotes)");
        }
        int quote = b;
        attributeLength = 0;
        while ((b = next()) >= 0 && b != quote) {
            if (attributeLength == attribute.length) {
                attribute = java.util.Arrays.copyOf(attribute, attribute.length * 2);
            }
            attribute[attributeLength++] = (byte) b;
        }
        int nameLengthOfAttribute = length - nameStart;
        if (nameLengthOfAttribute == 1 && (isRow || isCell)) {
            byte only = attributeName[nameStart];
            if (isRow && only == 'r') {
                int number = wholeNumber();
                row = number > 0 ? number - 1 : row;
            } else if (isCell && only == 'r') {
                int at = reference();
                column = at >= 0 ? at : column;
            } else if (isCell && only == 't') {
                type = cellType();
            } else if (isCell && only == 's') {
                int index = wholeNumber();
                style = Math.max(index, 0);
            }
        }
        return next();
    }

    private void endTag() throws IOException {
        int b = readName(next());
        while (b >= 0 && b != '>') {
            b = next();
        }
        if (localNameIs(V)) {
            collecting = false;
        } else if (localNameIs(T)) {
            collecting = false;
        } else if (localNameIs(R_PH)) {
            inPhonetic = false;
        } else if (localNameIs(IS)) {
            inInline = false;
        } else if (localNameIs(C)) {
            if (hasValue && rows.wants(column)) {
                SheetCells.emit(rows, column, type, style, textValue(), strings, numbers);
            }
            nextColumn = column + 1;
        } else if (localNameIs(ROW)) {
            rows.endRow(row);
        }
    }

    /** A comment, a CDATA section (text, where text is collected) or a document type declaration. */
    private void declaration() throws IOException {
        int b = next();
        if (b == '-') {
            next(); // the second '-'
            int dashes = 0;
            while ((b = next()) >= 0) {
                if (b == '>' && dashes >= 2) {
                    return;
                }
                dashes = b == '-' ? dashes + 1 : 0;
            }
            return;
        }
        if (b == '[') {
            for (int i = 0; i < "CDATA[".length(); i++) {
                next();
            }
            int brackets = 0;
            while ((b = next()) >= 0) {
                if (b == '>' && brackets >= 2) {
                    textLength -= collecting ? 2 : 0;
                    return;
                }
                brackets = b == ']' ? brackets + 1 : 0;
                if (collecting) {
                    appendNormalised(b);
                }
            }
            return;
        }
        throw new IOException("unreadable sheet XML (a document type declaration)");
    }

    /** Reads an element's name from its first byte into {@link #name}; returns the byte after it. */
    private int readName(int first) throws IOException {
        int b = first;
        nameLength = 0;
        while (b >= 0 && b != ' ' && b != '>' && b != '/' && b != '\t' && b != '\n' && b != '\r') {
            if (nameLength < name.length) {
                name[nameLength++] = (byte) b;
            }
            b = next();
        }
        return b;
    }

    /** Whether the element's name, prefix aside, is {@code local}. */
    private boolean localNameIs(byte[] local) {
        int start = nameLength - local.length;
        if (start < 0 || (start > 0 && name[start - 1] != ':')) {
            return false;
        }
        for (int i = 0; i < local.length; i++) {
            if (name[start + i] != local[i]) {
                return false;
            }
        }
        return true;
    }

    /** One byte of text, where text is collected: a reference ({@code &amp;}, {@code &#10;}) resolved. */
    private void appendText(int b) throws IOException {
        if (b != '&') {
            appendNormalised(b);
            return;
        }
        StringBuilder reference = new StringBuilder(8);
        int c;
        while ((c = next()) >= 0 && c != ';' && reference.length() < 12) {
            reference.append((char) c);
        }
        String resolved = switch (reference.toString()) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> character(reference.toString());
        };
        for (byte utf8 : resolved.getBytes(StandardCharsets.UTF_8)) {
            appendRaw(utf8);
        }
        carriageReturn = false;
    }

    private static String character(String reference) throws IOException {
        try {
            if (reference.startsWith("#x") || reference.startsWith("#X")) {
                return Character.toString(Integer.parseInt(reference.substring(2), 16));
            }
            if (reference.startsWith("#")) {
                return Character.toString(Integer.parseInt(reference.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("unreadable sheet XML (a character reference)", e);
        }
        throw new IOException("unreadable sheet XML (an entity XML does not define)");
    }

    /** Whether the byte before was a carriage return, which XML makes a line feed with the one after it. */
    private boolean carriageReturn;

    /** A byte of text or CDATA, every line end ({@code \r\n}, {@code \r}) made {@code \n}, as XML reads them. */
    private void appendNormalised(int b) {
        if (b == '\n' && carriageReturn) {
            carriageReturn = false;
            return;
        }
        carriageReturn = b == '\r';
        appendRaw(carriageReturn ? '\n' : b);
    }

    private void appendRaw(int b) {
        if (textLength == text.length) {
            text = java.util.Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = (byte) b;
    }

    /** The collected text, UTF-8 decoded. */
    private String textValue() {
        return new String(text, 0, textLength, StandardCharsets.UTF_8);
    }

    /** The attribute value as a whole number, or -1. */
    private int wholeNumber() {
        if (attributeLength == 0) {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < attributeLength; i++) {
            int digit = attribute[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number;
    }

    /** The 0-based column of the attribute value, a cell reference such as {@code AJ12}; -1 for none. */
    private int reference() {
        int at = 0;
        int i = 0;
        for (; i < attributeLength; i++) {
            int c = attribute[i];
            if (c >= 'A' && c <= 'Z') {
                at = at * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                at = at * 26 + (c - 'a' + 1);
            } else {
                break;
            }
        }
        return i == 0 ? -1 : at - 1;
    }

    private String cellType() {
        String written = new String(attribute, 0, attributeLength, StandardCharsets.US_ASCII);
        return switch (written) {
            case "s" -> "s";
            case "n" -> null;
            case "str" -> "str";
            case "b" -> "b";
            case "e" -> "e";
            case "inlineStr" -> "inlineStr";
            case "d" -> "d";
            default -> written;
        };
    }

    private void skipPast(int first, int second) throws IOException {
        int previous = -1;
        int b;
        while ((b = next()) >= 0) {
            if (previous == first && b == second) {
                return;
            }
            previous = b;
        }
    }

    private int next() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, BUFFER);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xFF;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
