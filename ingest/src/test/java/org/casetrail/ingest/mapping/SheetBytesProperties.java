package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The byte-level sheet reader ({@link SheetBytes}) gives every cell exactly as the SAX reader
 * ({@link SheetCells}) does, on sheets POI writes with shared strings and with inline strings,
 * whatever their text holds (markup characters, quotes, other scripts, line ends, control
 * characters), and on hand-written XML that uses what XML allows and Excel rarely writes.
 */
class SheetBytesProperties {

    static final XlsxCellText NUMBERS = new XlsxCellText(false, new int[] {0, 14}, Map.of());

    /** A sheet's XML and the shared strings its cells refer to. */
    record SheetXml(byte[] xml, String[] strings) {}

    static List<String> read(SheetXml sheet, boolean bytes) throws Exception {
        List<String> cells = new ArrayList<>();
        SheetCells.Rows rows = new SheetCells.Rows() {
            @Override
            public void startRow(int row) {
                cells.add("row " + row);
            }

            @Override
            public void cell(int column, String value, boolean error) {
                cells.add(column + (error ? "!" : "=") + value);
            }

            @Override
            public void endRow(int row) {
                cells.add("end " + row);
            }
        };
        InputStream in = new ByteArrayInputStream(sheet.xml());
        if (bytes) {
            new SheetBytes(in, sheet.strings(), NUMBERS, rows).read();
        } else {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(new SheetCells(sheet.strings(), NUMBERS, rows));
            reader.parse(new InputSource(in));
        }
        return cells;
    }

    @Provide
    Arbitrary<List<List<String>>> sheets() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(12),
                Arbitraries.strings().withChars("&<>\"' \r\n\t;#x_0D").ofMaxLength(10),
                Arbitraries.of("Sreyneang", "ស្រីនាង", "Côte d'Ivoire", "  spaced  ", "a\r\nb", "_x000D_", ""));
        return text.list().ofMaxSize(5).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 60)
    void cellsOfAWorkbookAreReadAsTheSaxReaderReadsThem(
            @ForAll("sheets") List<List<String>> sheet, @ForAll boolean inlineStrings) throws Exception {
        SheetXml xml = sheetXml(sheet, inlineStrings);
        assertThat(read(xml, true)).isEqualTo(read(xml, false));
    }

    @Property(tries = 1)
    void whatXmlAllowsAndExcelRarelyWritesIsReadAlike() throws Exception {
        String xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n"
                + "<!-- written by hand -->"
                + "<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
                + "<x:sheetData>"
                + "<x:row r='2' spans='1:4'><x:c r='A2' t='s'><x:v>1</x:v></x:c>"
                + "<x:c r='C2' t=\"inlineStr\"><x:is><x:r><x:t>one &amp; </x:t></x:r><x:r><x:t>two&#10;"
                + "&#x1F600;</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:is></x:c>"
                + "<x:c r='D2' s='1'><x:v>40000</x:v></x:c><x:c r='E2'><x:f>1/0</x:f><x:v>0.1</x:v></x:c></x:row>"
                + "<x:row><x:c t='str'><x:f>A1</x:f><x:v><![CDATA[a < b & c]]></x:v></x:c><x:c t='b'><x:v>1</x:v></x:c>"
                + "<x:c t='e'><x:v>#N/A</x:v></x:c><x:c/><x:c t='inlineStr'><x:is><x:t>x\r\ny\rz</x:t></x:is></x:c></x:row>"
                + "<x:row r='9'/>"
                + "</x:sheetData><x:mergeCells count='1'><x:mergeCell ref='A2:A3'/></x:mergeCells></x:worksheet>";
        SheetXml sheet = new SheetXml(xml.getBytes(StandardCharsets.UTF_8), new String[] {"zero", "a & b"});
        List<String> read = read(sheet, true);
        assertThat(read).isEqualTo(read(sheet, false));
        assertThat(read)
                .containsExactly(
                        "row 1",
                        "0=a & b",
                        "2=one & two\n\uD83D\uDE00",
                        "3=2009-07-06",
                        "4=0.1",
                        "end 1",
                        "row 2",
                        "0=a < b & c",
                        "1=TRUE",
                        "2!ERROR:#N/A",
                        "4=x\ny\nz",
                        "end 2",
                        "row 8",
                        "end 8");
    }

    /** The XML of a sheet of these rows as POI writes it, with shared or inline strings. */
    static SheetXml sheetXml(List<List<String>> rows, boolean inlineStrings) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100, false, !inlineStrings);
        try {
            Sheet sheet = workbook.createSheet("S");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r * 2);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (c % 3 == 2) {
                        row.createCell(c * 2).setCellValue(r * 1000.5 + c);
                    } else {
                        row.createCell(c * 2).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(file);
        } finally {
            workbook.dispose();
            workbook.close();
        }
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(file.toByteArray()))) {
            PackagePart part = pkg.getPartsByName(Pattern.compile("/xl/worksheets/sheet1.xml"))
                    .get(0);
            byte[] xml;
            try (InputStream in = part.getInputStream()) {
                xml = in.readAllBytes();
            }
            List<PackagePart> shared = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (shared.isEmpty()) {
                return new SheetXml(xml, new String[0]);
            }
            try (InputStream in = shared.get(0).getInputStream()) {
                return new SheetXml(xml, SharedStringList.read(in));
            }
        }
    }
}
