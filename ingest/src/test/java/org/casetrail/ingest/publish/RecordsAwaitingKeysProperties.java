package org.casetrail.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Records of new women go out only after their key is acknowledged, each woman's in the order
 * they came, and every one exactly once, however the acknowledgements interleave.
 */
class RecordsAwaitingKeysProperties {

    /** A record: whose, and its place in the export. */
    private record Line(String woman, int number) {}

    @Property(tries = 300)
    void recordsWaitForTheirKeyAndKeepTheirOrder(
            @ForAll @IntRange(min = 1, max = 40) int women,
            @ForAll @IntRange(min = 1, max = 600) int lines,
            @ForAll @IntRange(min = 1, max = 50) int generationSize,
            @ForAll @IntRange(min = 0, max = 100) int ackPercent,
            @ForAll long seed) {
        Random random = new Random(seed);
        RecordsAwaitingKeys<Line> held = new RecordsAwaitingKeys<>(generationSize, Integer.MAX_VALUE);
        Map<String, RecordsAwaitingKeys.Generation<Line>> unanswered = new HashMap<>();
        Set<String> answered = new HashSet<>();
        Set<String> keyed = new HashSet<>();
        List<Line> sent = new ArrayList<>();
        List<Line> export = new ArrayList<>();
        Consumer<Line> send = line -> {
            assertThat(answered)
                    .as("key of %s answered before line %d went", line.woman(), line.number())
                    .contains(line.woman());
            sent.add(line);
        };

        for (int number = 0; number < lines; number++) {
            String woman = "w" + random.nextInt(women);
            Line line = new Line(woman, number);
            export.add(line);
            held.releaseAnswered(send);
            if (keyed.add(woman)) {
                unanswered.put(woman, held.keySent(woman));
            }
            if (held.holds(woman)) {
                held.hold(woman, line);
            } else {
                send.accept(line);
            }
            for (String waiting : new ArrayList<>(unanswered.keySet())) {
                if (random.nextInt(100) < ackPercent) {
                    answered.add(waiting);
                    unanswered.remove(waiting).keyAnswered();
                }
            }
        }
        unanswered.forEach((woman, generation) -> {
            answered.add(woman);
            generation.keyAnswered();
        });
        held.releaseAll(send);

        assertThat(sent).containsExactlyInAnyOrderElementsOf(export);
        for (int w = 0; w < women; w++) {
            String woman = "w" + w;
            assertThat(sent.stream().filter(l -> l.woman().equals(woman)).map(Line::number))
                    .as("%s's lines in their order", woman)
                    .isSorted();
        }
        assertThat(held.holds("w0")).isFalse();
    }

    @Test
    void aGenerationStillFillingGoesOnceItsKeysAreAnswered() {
        RecordsAwaitingKeys<Integer> held = new RecordsAwaitingKeys<>(2_048, 50_000);
        List<Integer> sent = new ArrayList<>();
        RecordsAwaitingKeys.Generation<Integer> a = held.keySent("a");
        held.hold("a", 1);
        RecordsAwaitingKeys.Generation<Integer> b = held.keySent("b");
        held.hold("b", 2);
        held.hold("a", 3);

        a.keyAnswered();
        held.releaseAnswered(sent::add);
        assertThat(sent).as("b's key is not answered yet").isEmpty();

        b.keyAnswered();
        held.releaseAnswered(sent::add);
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(held.holds("a")).isFalse();
        assertThat(held.holds("b")).isFalse();

        RecordsAwaitingKeys.Generation<Integer> c = held.keySent("c");
        held.hold("c", 4);
        held.releaseAnswered(sent::add);
        assertThat(sent).containsExactly(1, 2, 3);
        c.keyAnswered();
        held.releaseAnswered(sent::add);
        assertThat(sent).containsExactly(1, 2, 3, 4);
    }

    @Test
    void answeredGenerationsGoWithoutWaitingForTheWholeExport() {
        RecordsAwaitingKeys<Integer> held = new RecordsAwaitingKeys<>(2, 1_000);
        List<Integer> sent = new ArrayList<>();
        RecordsAwaitingKeys.Generation<Integer> first = held.keySent("a");
        held.hold("a", 1);
        held.hold("a", 2); // the generation is full: it waits for a's key
        held.releaseAnswered(sent::add);
        assertThat(sent).isEmpty();

        first.keyAnswered();
        held.releaseAnswered(sent::add);

        assertThat(sent).containsExactly(1, 2);
        assertThat(held.holds("a")).isFalse();
        assertThat(held.full()).isFalse();
    }
}
