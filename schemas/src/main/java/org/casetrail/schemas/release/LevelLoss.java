package org.casetrail.schemas.release;

/**
 * What protection cost at one rollup level of one table: rows and withheld rows, the women the
 * level counts and those counted in published rows (and their share), and how far the published
 * counts are from the true ones.
 */
public record LevelLoss(
        long rows,
        long withheldRows,
        long women,
        long womenPublished,
        double womenShare,
        long countsPublished,
        double meanAbsoluteDifference,
        long largestAbsoluteDifference) {}
