package org.casetrail.ingest.mapping;

import java.util.Map;

/**
 * Labels of a source's vocabulary, each with the casetrail code it stands for: several labels may
 * name one code; a label names one code only. Labels are compared as {@link Labels} says.
 *
 * @param name   the map's name under {@code value_maps}, or null for a map written in place
 * @param codes  normalised label to code
 */
record ValueMap(String name, Map<String, String> codes) {

    /** The code of a label, or null when the map does not name it. */
    String code(String label) {
        return codes.get(Labels.normalise(label));
    }
}
