package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * XML read straight from its bytes, for the parts of a workbook that are long and machine-written:
 * its sheets ({@link SheetBytes}) and its shared strings ({@link SharedStringList}). A subclass is
 * told of each element's start (its name in {@link #name}, each attribute in turn), its end, and
 * gets the text of the elements it asks to collect; the rest of the document is passed over.
 * Several times faster than a general XML parser on the same bytes, and small enough for the JIT to
 * compile quickly, which on a short ingest counts as much. It takes XML as XML has it: namespace
 * prefixes, either quote, comments, processing instructions, CDATA, character and predefined entity
 * references, line ends made {@code \n}; a document type declaration is refused, as POI's SAX
 * setup refuses it. UTF-8 only, Excel's encoding ({@link #utf8}).
 */
abstract class XmlBytes {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    /** The name of the element being read, prefix included; see {@link #localNameIs}. */
    final byte[] name = new byte[128];

    int nameLength;
    private final byte[] attributeName = new byte[128];
    /** The value of the attribute being read, as written. */
    byte[] attribute = new byte[64];

    int attributeLength;
    private byte[] text = new byte[256];
    private int textLength;
    /** Whether the text read now is kept: set by a subclass for the elements whose text it wants. */
    boolean collecting;
    /** What {@link #read(int)} counts to stop: the subclass's units (rows, strings) ended so far. */
    int ended;

    XmlBytes(InputStream in) {
        this.in = in;
    }

    /** An element has begun: its name is read, its attributes come next. */
    abstract void begin();

    /** An attribute of the element begun, by its local name; its value is in {@link #attribute}. */
    abstract void attribute(byte[] localName, int start, int length);

    /** The element's start tag is read; {@code selfClosing} when it is also its end. */
    abstract void started(boolean selfClosing) throws IOException;

    /** An element has ended: its name is in {@link #name}. */
    abstract void ended() throws IOException;

    /**
     * Whether an XML part, whose first bytes are given, is UTF-8: no UTF-16 byte-order mark, and no
     * other encoding declared.
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

    /** Reads the whole document. */
    void readAll() throws IOException {
        while (read(Integer.MAX_VALUE - ended)) {
            // on to the end
        }
    }

    /**
     * Reads on until {@code count} more units have {@link #ended}, or the document has; whether it
     * may hold more.
     */
    boolean read(int count) throws IOException {
        int until = ended + count;
        int b = 0;
        while (ended < until && (b = next()) >= 0) {
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
        return b >= 0;
    }

    private void startTag(int first) throws IOException {
        int b = readName(first);
        begin();
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
            b = attribute(b);
        }
        started(selfClosing);
    }

    /** Reads one attribute from its first byte; returns the byte after its value. */
    private int attribute(int first) throws IOException {
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
            throw new IOException("unreadable XML (an attribute without quotes)");
        }
        int quote = b;
        attributeLength = 0;
        while ((b = next()) >= 0 && b != quote) {
            if (attributeLength == attribute.length) {
                attribute = Arrays.copyOf(attribute, attribute.length * 2);
            }
            attribute[attributeLength++] = (byte) b;
        }
        attribute(attributeName, nameStart, length - nameStart);
        return next();
    }

    private void endTag() throws IOException {
        int b = readName(next());
        while (b >= 0 && b != '>') {
            b = next();
        }
        ended();
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
        throw new IOException("unreadable XML (a document type declaration)");
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
    final boolean localNameIs(byte[] local) {
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

    /** Starts the text of an element afresh. */
    void clearText() {
        textLength = 0;
        carriageReturn = false;
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
            throw new IOException("unreadable XML (a character reference)", e);
        }
        throw new IOException("unreadable XML (an entity XML does not define)");
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
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = (byte) b;
    }

    /**
     * The text collected, as a whole number of up to 9 digits, or -1: a shared string's number, a
     * style's, read without making a string of it.
     */
    final int textWholeNumber() {
        if (textLength == 0 || textLength > 9) {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < textLength; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number;
    }

    /**
     * The text collected as a whole number written {@code 123} or {@code 123.0} (as POI writes
     * one), up to 15 digits, or -1 for any other text: most numbers of a sheet, dates among them.
     */
    final long textWholeDecimal() {
        int end = textLength;
        if (end >= 2 && text[end - 2] == '.' && text[end - 1] == '0') {
            end -= 2;
        }
        if (end == 0 || end > 15) {
            return -1;
        }
        long number = 0;
        for (int i = 0; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            number = number * 10 + digit;
        }
        return number;
    }

    /** Whether the attribute value is this ASCII text. */
    final boolean attributeIs(String ascii) {
        if (attributeLength != ascii.length()) {
            return false;
        }
        for (int i = 0; i < attributeLength; i++) {
            if (attribute[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text collected since {@link #clearText}, UTF-8 decoded. */
    final String textValue() {
        return new String(text, 0, textLength, StandardCharsets.UTF_8);
    }

    /** The attribute value as a whole number, or -1. */
    final int wholeNumber() {
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
    final int reference() {
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

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
