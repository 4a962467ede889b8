package org.casetrail.schemas.table;

/** One column of a published or restricted table: its name (a public interface), kind and meaning. */
public record Column(
        String name,
        Kind kind,
        Type type,
        String doc,
        String numerator,
        String denominator,
        boolean rollup,
        boolean ofWomen) {

    /** The key value of a rollup row: the total over every value of that key. Never a real value. */
    public static final String ALL = "ALL";

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

    public enum Type {
        INT,
        LONG,
        DOUBLE,
        STRING,
        BOOLEAN,
        DATE
    }

    /** A key that never rolls up: a period (year, month) or a checkpoint. */
    public static Column key(String name, Type type, String doc) {
        return new Column(name, Kind.KEY, type, doc, null, null, false, false);
    }

    /** A key that also takes the value {@link #ALL} in the rollup rows of a perturbed release. */
    public static Column dimension(String name, String doc) {
        return new Column(name, Kind.KEY, Type.STRING, doc, null, null, true, false);
    }

    /** A count of distinct women: in a rollup row a woman counts once, however many cells below hold her. */
    public static Column count(String name, String doc) {
        return new Column(name, Kind.COUNT, Type.LONG, doc, null, null, false, true);
    }

    /** A count of things (court cases, admissions): in a rollup row they add up. */
    public static Column countOfThings(String name, String doc) {
        return new Column(name, Kind.COUNT, Type.LONG, doc, null, null, false, false);
    }

    /**
     * A median over the cell's women (or things) that have the measured duration.
     *
     * @param atMost a count column of the same cell that is never smaller than the median's
     *               denominator, so an audit of the published data can check it
     */
    public static Column median(String name, String atMost, String doc) {
        return new Column(name, Kind.STATISTIC, Type.DOUBLE, doc, null, atMost, false, false);
    }

    /** A rate: the numerator count over the denominator count of the same cell. */
    public static Column rate(String name, String numerator, String denominator, String doc) {
        return new Column(name, Kind.STATISTIC, Type.DOUBLE, doc, numerator, denominator, false, false);
    }

    public static Column value(String name, Type type, String doc) {
        return new Column(name, Kind.VALUE, type, doc, null, null, false, false);
    }

    public boolean isMedian() {
        return kind == Kind.STATISTIC && numerator == null;
    }

    public static Column suppressed() {
        return new Column(
                "suppressed",
                Kind.FLAG,
                Type.BOOLEAN,
                "True when the row is withheld: it describes fewer than k women (or, under --protection suppression, it was"
                        + " suppressed so that no other row can be recovered by subtraction); its counts and statistics are then null.",
                null,
                null,
                false,
                false);
    }
}
