package org.casetrail.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A sheet's merged cells, given to every cell they cover. Excel keeps a merged area's value in its
 * top-left cell only, so a case name merged down over her three follow-up rows would leave two of
 * them without a case; here each of the three carries it. A sheet lists its merged areas after its
 * rows, so they are found in a pass of their own before the rows, and once per sheet read.
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

    /**
     * Reads the merged areas of a sheet's XML, and nothing else of it. They come after the rows,
     * so the whole part is read, but as bytes, not parsed: a {@code <} never stands in a cell's
     * text, where XML writes it {@code &lt;}, so {@code <mergeCell } (or {@code <x:mergeCell }) is
     * always markup.
     */
    static MergedCells scan(InputStream sheet) throws IOException {
        List<CellRangeAddress> ranges = new ArrayList<>();
        byte[] window = new byte[CHUNK + KEEP];
        int kept = 0;
        int read;
        while ((read = sheet.read(window, kept, CHUNK)) > 0) {
            int end = kept + read;
            int resume = Math.max(0, end - KEEP);
            for (int i = 1; i + TAG.length < end; i++) {
                if (window[i] != 'm' || !startsTag(window, i)) {
                    continue;
                }
                int close = indexOf(window, (byte) '>', i, end);
                if (close < 0) {
                    resume = Math.max(0, i - KEEP / 2);
                    break;
                }
                String ref = ref(window, i, close);
                if (ref != null && ref.contains(":")) {
                    try {
                        ranges.add(CellRangeAddress.valueOf(ref));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("unreadable merged area in the sheet XML", e);
                    }
                }
                i = close;
                resume = Math.max(resume, close + 1);
            }
            kept = end - resume;
            System.arraycopy(window, resume, window, 0, kept);
        }
        return new MergedCells(ranges);
    }

    private static final int CHUNK = 1 << 16;
    private static final int KEEP = 256;
    private static final byte[] TAG = "mergeCell ".getBytes(StandardCharsets.US_ASCII);

    /** Whether {@code mergeCell } starts at {@code i} as an element's name: after {@code <} or a prefix's {@code :}. */
    private static boolean startsTag(byte[] bytes, int i) {
        for (int k = 0; k < TAG.length; k++) {
            if (bytes[i + k] != TAG[k]) {
                return false;
            }
        }
        if (bytes[i - 1] == '<') {
            return true;
        }
        if (bytes[i - 1] != ':') {
            return false;
        }
        for (int j = i - 2; j >= 0 && j >= i - 32; j--) {
            if (bytes[j] == '<') {
                return true;
            }
            if (!Character.isLetterOrDigit(bytes[j]) && bytes[j] != '_' && bytes[j] != '-' && bytes[j] != '.') {
                return false;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the {@code ref} attribute between {@code from} and {@code to}, or null. */
    private static String ref(byte[] bytes, int from, int to) {
        String element = new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        int at = element.indexOf("ref=");
        if (at < 0 || at + 5 > element.length()) {
            return null;
        }
        char quote = element.charAt(at + 4);
        int close = element.indexOf(quote, at + 5);
        return close < 0 ? null : element.substring(at + 5, close);
    }

    boolean none() {
        return byFirstRow.isEmpty();
    }

    /** The same areas, to fill the rows of another read of the sheet from its first row. */
    MergedCells fresh() {
        return new MergedCells(byFirstRow);
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
