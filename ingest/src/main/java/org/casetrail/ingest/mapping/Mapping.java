package org.casetrail.ingest.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked mapping file (docs/sources.md): how the tables of one kind of export become
 * records of the input contract.
 *
 * @param file   the mapping's file name, for messages
 * @param source the contract's {@code source} of every record it makes
 */
public record Mapping(String file, String source, List<InputRule> inputs) {

    public static final int VERSION = 1;

    Optional<InputRule> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The first line where a date field stands for the snapshot's date, if any. */
    public java.util.OptionalInt snapshotDateLine() {
        return inputs.stream()
                .flatMap(input -> input.events().stream())
                .flatMap(event -> event.fields().stream())
                .filter(FieldRule::fromSnapshotDate)
                .mapToInt(FieldRule::line)
                .min();
    }

    public List<String> inputNames() {
        return inputs.stream().map(InputRule::name).toList();
    }
}
