package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A sheet's merged cells, given to every cell they cover. Excel keeps a merged area's value in its
 * top-left cell only, so a case name merged down over her three follow-up rows would leave two of
 * them without a case; here each of the three carries it. A sheet lists its merged areas after its
 * rows, so they are read in a pass of their own before the rows.
 */
final class MergedCells {

    private final List<CellRangeAddress> byFirstRow;
    private final List<Active> active = new ArrayList<>();
    private int next;

    private static final class Active {
        final CellRangeAddress range;
        String value;

        Active(CellRangeAddress range) {
            this.range = range;
        }
    }

    private MergedCells(List<CellRangeAddress> ranges) {
        this.byFirstRow = ranges.stream()
                .sorted(Comparator.comparingInt(CellRangeAddress::getFirstRow))
                .toList();
    }

    /** Reads the merged areas of a sheet's XML, and nothing else of it. */
    static MergedCells scan(InputStream sheet) throws IOException {
        List<CellRangeAddress> ranges = new ArrayList<>();
        try {
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("mergeCell".equals(localName)) {
                        String ref = attributes.getValue("ref");
                        if (ref != null && ref.contains(":")) {
                            ranges.add(CellRangeAddress.valueOf(ref));
                        }
                    }
                }
            });
            reader.parse(new InputSource(sheet));
        } catch (SAXException | ParserConfigurationException | IllegalArgumentException e) {
            throw new IOException("unreadable sheet XML (" + e.getClass().getSimpleName() + ")", e);
        }
        return new MergedCells(ranges);
    }

    /**
     * Fills the empty cells of a row (0-based {@code row}) that merged areas cover. Rows must come in
     * increasing order, as a sheet lists them.
     */
    void fill(int row, List<String> cells) {
        while (next < byFirstRow.size() && byFirstRow.get(next).getFirstRow() <= row) {
            active.add(new Active(byFirstRow.get(next++)));
        }
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active area = it.next();
            CellRangeAddress range = area.range;
            if (range.getLastRow() < row) {
                it.remove();
                continue;
            }
            if (range.getFirstRow() == row) {
                area.value = range.getFirstColumn() < cells.size() ? cells.get(range.getFirstColumn()) : null;
            }
            if (area.value == null) {
                continue;
            }
            for (int column = range.getFirstColumn(); column <= range.getLastColumn(); column++) {
                while (cells.size() <= column) {
                    cells.add(null);
                }
                if (cells.get(column) == null || cells.get(column).isEmpty()) {
                    cells.set(column, area.value);
                }
            }
        }
    }
}
