package org.casetrail.ingest.mapping;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One sheet of an .xlsx workbook, streamed: POI's {@link XSSFReader} finds the sheet's XML, which
 * {@link SheetCells} reads row by row, so memory holds one row, the shared strings and the styles,
 * never the workbook (200,000 rows read in a 256 MB heap). A formula cell gives its cached value,
 * as Excel last computed it; a date cell its ISO date ({@link XlsxCellText}); a merged area its value
 * in every cell it covers ({@link MergedCells}). Hidden rows are read like the others: hiding is
 * a view, and the template of the sector's standard hides its row of field names. Rows without a
 * value (Excel's formatted but empty trailing rows) are left out.
 */
final class XlsxRows implements RowSource {

    private final Path file;
    private final InputRule input;
    private final OPCPackage workbook;
    private final XSSFReader reader;
    /** Bytes enough for a sheet's XML declaration, which says its encoding. */
    private static final int PROLOG = 256;

    private final XlsxBook book;
    private List<String> header;

    private XlsxRows(Path file, InputRule input, OPCPackage workbook, XSSFReader reader, XlsxBook book) {
        this.file = file;
        this.input = input;
        this.workbook = workbook;
        this.reader = reader;
        this.book = book;
    }

    static XlsxRows open(Path file, InputRule input) throws IOException {
        return open(file, input, new XlsxBook());
    }

    /** @param book what this workbook's sheets share, read already or to be read once */
    static XlsxRows open(Path file, InputRule input, XlsxBook book) throws IOException {
        OPCPackage workbook = workbook(file, input);
        try {
            XSSFReader reader = new XSSFReader(workbook);
            XlsxRows rows = new XlsxRows(file, input, workbook, reader, book);
            rows.sheet().close();
            return rows;
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            workbook.revert();
            if (e instanceof MappingException mapping) {
                throw mapping;
            }
            throw unreadable(file, e);
        }
    }

    /**
     * Whether a workbook has the input's sheet (letter case aside): an optional input whose sheet
     * the workbook lacks, such as an organisation's own sheet beside the case sheet, is not read.
     */
    static boolean hasSheet(Path file, InputRule input) throws IOException {
        OPCPackage workbook = workbook(file, input);
        try {
            XSSFReader.SheetIterator sheets = new XSSFReader(workbook).getSheetIterator();
            while (sheets.hasNext()) {
                sheets.next().close();
                if (sheets.getSheetName().equalsIgnoreCase(input.sheet())) {
                    return true;
                }
            }
            return false;
        } catch (OpenXML4JException | RuntimeException e) {
            throw unreadable(file, e);
        } finally {
            workbook.revert();
        }
    }

    private static OPCPackage workbook(Path file, InputRule input) {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException
                | OpenXML4JRuntimeException
                | POIXMLException
                | UnsupportedFileFormatException e) {
            throw new MappingException(file.getFileName() + " is not an .xlsx workbook (" + input.describe() + ")");
        }
    }

    @Override
    public List<String> header() throws IOException {
        if (header == null) {
            try {
                parse(row -> {}, true, null);
            } catch (HeaderRead found) {
                // the header is in
            }
            if (header == null) {
                throw new MappingException(
                        describe() + " has no row " + input.headerRow() + " for the header of " + input.describe());
            }
        }
        return header;
    }

    @Override
    public void rows(Consumer<SourceRow> rows) throws IOException {
        rows(rows, null);
    }

    @Override
    public void rows(Consumer<SourceRow> rows, int[] columns) throws IOException {
        BitSet wanted = null;
        if (columns != null) {
            wanted = new BitSet();
            for (int column : columns) {
                wanted.set(column);
            }
        }
        parse(rows, false, wanted);
        if (header == null) {
            throw new MappingException(
                    describe() + " has no row " + input.headerRow() + " for the header of " + input.describe());
        }
    }

    @Override
    public String describe() {
        return file.getFileName() + ", sheet " + input.sheet();
    }

    @Override
    public void close() {
        workbook.revert();
    }

    /** Thrown once the header row is read when only the header was asked for. */
    private static final class HeaderRead extends RuntimeException {
        HeaderRead() {
            super(null, null, false, false);
        }
    }

    /** @param wanted the columns whose cells are made text, or null for all */
    private void parse(Consumer<SourceRow> rows, boolean headerOnly, BitSet wanted) throws IOException {
        try {
            if (book.strings == null) {
                book.strings = sharedStrings(workbook);
                book.numbers = numbers(workbook, date1904(reader));
            }
            // Merged areas fill the header too: a label merged over two columns names both.
            MergedCells merged = book.merged(input.sheet());
            if (merged == null) {
                try (InputStream sheet = sheet()) {
                    merged = MergedCells.scan(sheet);
                }
                book.merged(input.sheet(), merged);
            }
            // A merged area gives the value of its first column to the others: with any, every cell is wanted.
            Rows handler = new Rows(merged.fresh(), headerOnly, merged.none() ? wanted : null);
            try (BufferedInputStream sheet = new BufferedInputStream(sheet(), 1 << 16)) {
                sheet.mark(PROLOG);
                byte[] start = sheet.readNBytes(PROLOG);
                sheet.reset();
                if (XmlBytes.utf8(start, start.length)) {
                    SheetBytes scanner = new SheetBytes(sheet, book.strings, book.numbers, handler);
                    boolean more = true;
                    while (more && !handler.headerRead) {
                        more = scanner.read(headerOnly ? 1 : SheetBytes.BATCH);
                        handler.handOn(rows);
                    }
                } else {
                    handler.push = rows;
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new SheetCells(book.strings, book.numbers, handler));
                    xml.parse(new InputSource(sheet));
                }
            }
        } catch (SAXException | ParserConfigurationException | OpenXML4JException | POIXMLException e) {
            throw unreadable(file, e);
        }
    }

    /** How the workbook's styles show numbers; every number plain when it has no styles part. */
    private static XlsxCellText numbers(OPCPackage workbook, boolean date1904) throws IOException {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.STYLES.getContentType());
        if (parts.isEmpty()) {
            return XlsxCellText.read(date1904, null);
        }
        try (InputStream in = parts.get(0).getInputStream()) {
            return XlsxCellText.read(date1904, in);
        }
    }

    /** The workbook's shared strings; none when it has no such part (every text inline, or no text). */
    private static String[] sharedStrings(OPCPackage workbook) throws IOException {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new String[0];
        }
        try (InputStream in = parts.get(0).getInputStream()) {
            return SharedStringList.read(in);
        }
    }

    /** The sheet's XML, found by its name as the tab shows it (letter case aside). */
    private InputStream sheet() throws IOException {
        try {
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            InputStream caseless = null;
            while (sheets.hasNext()) {
                InputStream sheet = sheets.next();
                String name = sheets.getSheetName();
                names.add(name);
                if (name.equals(input.sheet())) {
                    if (caseless != null) {
                        caseless.close();
                    }
                    return sheet;
                }
                if (caseless == null && name.equalsIgnoreCase(input.sheet())) {
                    caseless = sheet;
                } else {
                    sheet.close();
                }
            }
            if (caseless != null) {
                return caseless;
            }
            throw new MappingException(file.getFileName() + " has no sheet '" + input.sheet() + "' for "
                    + input.describe() + " (its sheets: " + String.join(", ", names) + ")");
        } catch (InvalidFormatException e) {
            throw unreadable(file, e);
        }
    }

    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException {
        boolean[] found = {false};
        try (InputStream in = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        found[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                }
            });
            xml.parse(new InputSource(in));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("unreadable workbook.xml", e);
        }
        return found[0];
    }

    private static IOException unreadable(Path file, Exception e) {
        return new IOException(file.getFileName() + " is not a readable .xlsx workbook ("
                + e.getClass().getSimpleName() + ")");
    }

    /**
     * Gathers each row's cells, keeps the header, and holds the data rows until they are handed on
     * (or hands each on as it ends, to {@link #push}, for the SAX reader).
     */
    private final class Rows implements SheetCells.Rows {
        private final List<SourceRow> ready = new ArrayList<>();
        private Consumer<SourceRow> push;
        private boolean headerRead;
        private final MergedCells merged;
        private final boolean headerOnly;
        private final List<String> cells = new ArrayList<>();
        private final BitSet errors = new BitSet();
        private final BitSet wanted;

        Rows(MergedCells merged, boolean headerOnly, BitSet wanted) {
            this.merged = merged;
            this.headerOnly = headerOnly;
            this.wanted = wanted;
        }

        /** The 0-based row being read. */
        private int row;

        @Override
        public boolean wants(int column) {
            return wanted == null || row + 1 <= input.headerRow() || wanted.get(column);
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum;
            cells.clear();
            errors.clear();
        }

        @Override
        public void cell(int column, String value, boolean error) {
            while (cells.size() <= column) {
                cells.add(null);
            }
            cells.set(column, value);
            if (error) {
                errors.set(column);
            }
        }

        @Override
        public void endRow(int rowNum) {
            merged.fill(rowNum, cells);
            int number = rowNum + 1;
            if (number == input.headerRow()) {
                header = cells.stream().map(c -> c == null ? "" : c.strip()).toList();
                if (headerOnly) {
                    headerRead = true;
                    if (push != null) {
                        throw new HeaderRead();
                    }
                }
            } else if (number >= input.dataRow() && anyValue()) {
                SourceRow row = new SourceRow(number, cells.toArray(String[]::new), (BitSet) errors.clone(), null);
                if (push != null) {
                    push.accept(row);
                } else {
                    ready.add(row);
                }
            }
        }

        private boolean anyValue() {
            for (String cell : cells) {
                if (cell != null && !cell.isBlank()) {
                    return true;
                }
            }
            return false;
        }

        /** Hands on the rows read since the last time. */
        void handOn(Consumer<SourceRow> rows) {
            for (SourceRow row : ready) {
                rows.accept(row);
            }
            ready.clear();
        }
    }
}
