package org.casetrail.jobs.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole number of at least 1 (a threshold, a parallelism, seconds), refused at parsing otherwise. */
public final class AtLeastOne implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below, the same for a word as for zero.
        }
        throw new TypeConversionException("a whole number of at least 1, not '" + value + "'");
    }
}
