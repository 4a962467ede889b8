package org.casetrail.schemas.release;

/** Which women a release counts, from their latest consent on or before as_of. */
public enum ConsentBasis {
    /** Every woman unless her latest consent says research_use: false (the organisation's own reporting). */
    UNLESS_WITHDRAWN,
    /** Only women whose latest consent says research_use: true, as GBV information systems require. */
    EXPLICIT;

    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static ConsentBasis ofFlag(String flag) {
        for (ConsentBasis basis : values()) {
            if (basis.flag().equals(flag)) {
                return basis;
            }
        }
        throw new IllegalArgumentException("unknown consent basis " + flag + "; use unless-withdrawn or explicit");
    }
}
