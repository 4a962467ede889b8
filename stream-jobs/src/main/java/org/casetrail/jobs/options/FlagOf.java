package org.casetrail.jobs.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A closed vocabulary as a flag: the value's name in lower case, '-' for '_' (unless-withdrawn).
 * picocli makes converters by their no-argument constructors, hence one small class per vocabulary.
 */
public abstract class FlagOf<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    protected FlagOf(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        List<String> flags = new ArrayList<>();
        for (E candidate : type.getEnumConstants()) {
            String flag = candidate.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (flag.equals(value)) {
                return candidate;
            }
            flags.add(flag);
        }
        throw new TypeConversionException("use " + String.join(" or ", flags) + ", not '" + value + "'");
    }

    public static final class ForProtection extends FlagOf<Protection> {
        public ForProtection() {
            super(Protection.class);
        }
    }

    public static final class ForConsent extends FlagOf<ConsentBasis> {
        public ForConsent() {
            super(ConsentBasis.class);
        }
    }

    public static final class ForPeriod extends FlagOf<ReportingPeriod> {
        public ForPeriod() {
            super(ReportingPeriod.class);
        }
    }
}
