package org.casetrail.schemas.table;

/** One column of a published or restricted table: its name (a public interface), kind and meaning. */
public record Column(String name, Kind kind, Type type, String doc, String numerator, String denominator) {

    /** What the column is for, which decides how disclosure control treats it. */
    public enum Kind {
        /** Part of the cell's key. */
        KEY,
        /** A count of women or things; nulled when the cell is suppressed. */
        COUNT,
        /** A median or rate; published only where its denominator has at least k women. */
        STATISTIC,
        /** The suppression flag. */
        FLAG,
        /** Other content (testimony text, restricted journey fields). */
        VALUE
    }

    public enum Type { INT, LONG, DOUBLE, STRING, BOOLEAN, DATE }

    public static Column key(String name, Type type, String doc) {
        return new Column(name, Kind.KEY, type, doc, null, null);
    }

    public static Column count(String name, String doc) {
        return new Column(name, Kind.COUNT, Type.LONG, doc, null, null);
    }

    /**
     * A median over the cell's women (or things) that have the measured duration.
     *
     * @param atMost a count column of the same cell that is never smaller than the median's
     *               denominator, so an audit of the published data can check it
     */
    public static Column median(String name, String atMost, String doc) {
        return new Column(name, Kind.STATISTIC, Type.DOUBLE, doc, null, atMost);
    }

    /** A rate: the numerator count over the denominator count of the same cell. */
    public static Column rate(String name, String numerator, String denominator, String doc) {
        return new Column(name, Kind.STATISTIC, Type.DOUBLE, doc, numerator, denominator);
    }

    public static Column value(String name, Type type, String doc) {
        return new Column(name, Kind.VALUE, type, doc, null, null);
    }

    public boolean isMedian() {
        return kind == Kind.STATISTIC && numerator == null;
    }

    public static Column suppressed() {
        return new Column("suppressed", Kind.FLAG, Type.BOOLEAN,
                "True when the cell describes fewer than k women, or was suppressed so that no other cell can be recovered by subtraction; its counts and statistics are then null.", null, null);
    }
}
