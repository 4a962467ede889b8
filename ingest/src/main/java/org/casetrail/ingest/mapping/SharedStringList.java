package org.casetrail.ingest.mapping;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared strings (xl/sharedStrings.xml), the text of every string cell that Excel
 * writes once and refers to by number, as plain strings: a rich text's runs joined, its phonetic
 * guides ({@code rPh}) left out, Excel's escapes of control characters ({@code _x000D_}) decoded.
 * Read once per workbook, from its bytes ({@link XmlBytes}, SAX for a part not in UTF-8); a cell
 * then costs an array lookup, not POI's rich text object.
 */
final class SharedStringList extends DefaultHandler {

    private final List<String> strings = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private boolean inText;
    private boolean inPhonetic;

    private SharedStringList() {}

    static String[] read(InputStream xml) throws IOException {
        BufferedInputStream in = new BufferedInputStream(xml, 1 << 16);
        in.mark(PROLOG);
        byte[] start = in.readNBytes(PROLOG);
        in.reset();
        if (XmlBytes.utf8(start, start.length)) {
            Bytes bytes = new Bytes(in);
            bytes.readAll();
            return bytes.strings.toArray(String[]::new);
        }
        return sax(in);
    }

    private static final int PROLOG = 256;

    /** The strings read from the part's bytes: {@code si} by {@code si}, runs joined, {@code rPh} left out. */
    private static final class Bytes extends XmlBytes {
        private static final byte[] SI = ascii("si");
        private static final byte[] T = ascii("t");
        private static final byte[] R_PH = ascii("rPh");

        final List<String> strings = new ArrayList<>();
        private boolean inPhonetic;

        Bytes(InputStream in) {
            super(in);
        }

        @Override
        void begin() {}

        @Override
        void attribute(byte[] localName, int start, int length) {}

        @Override
        void started(boolean selfClosing) {
            if (localNameIs(SI)) {
                clearText();
                if (selfClosing) {
                    strings.add("");
                }
            } else if (localNameIs(R_PH)) {
                inPhonetic = !selfClosing;
            } else if (localNameIs(T)) {
                collecting = !inPhonetic && !selfClosing;
            }
        }

        @Override
        void ended() {
            if (localNameIs(T)) {
                collecting = false;
            } else if (localNameIs(R_PH)) {
                inPhonetic = false;
            } else if (localNameIs(SI)) {
                strings.add(decoded(textValue()));
                ended++;
            }
        }
    }

    /** Through SAX, for a part not in UTF-8. */
    private static String[] sax(InputStream xml) throws IOException {
        SharedStringList list = new SharedStringList();
        try {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(list);
            reader.parse(new InputSource(xml));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("unreadable shared strings (" + e.getClass().getSimpleName() + ")", e);
        }
        return list.strings.toArray(String[]::new);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "si" -> text.setLength(0);
            case "rPh" -> inPhonetic = true;
            case "t" -> inText = !inPhonetic;
            default -> {}
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "si" -> strings.add(decoded(text));
            case "rPh" -> inPhonetic = false;
            case "t" -> inText = false;
            default -> {}
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inText) {
            text.append(ch, start, length);
        }
    }

    /**
     * The text with Excel's escapes {@code _xHHHH_} (a character XML cannot hold, such as a carriage
     * return) decoded, as Excel shows it.
     */
    static String decoded(CharSequence text) {
        int escape = indexOfEscape(text, 0);
        if (escape < 0) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (escape >= 0) {
            out.append(text, from, escape);
            out.append((char)
                    Integer.parseInt(text.subSequence(escape + 2, escape + 6).toString(), 16));
            from = escape + 7;
            escape = indexOfEscape(text, from);
        }
        return out.append(text, from, text.length()).toString();
    }

    private static int indexOfEscape(CharSequence text, int from) {
        for (int i = from; i + 6 < text.length(); i++) {
            if (text.charAt(i) == '_'
                    && text.charAt(i + 1) == 'x'
                    && text.charAt(i + 6) == '_'
                    && hex(text.charAt(i + 2))
                    && hex(text.charAt(i + 3))
                    && hex(text.charAt(i + 4))
                    && hex(text.charAt(i + 5))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
