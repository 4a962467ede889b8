package org.casetrail.jobs.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.casetrail.jobs.journey.Events;
import org.casetrail.jobs.kafka.SealedLog;
import org.casetrail.schemas.event.AgeBand;
import org.casetrail.schemas.event.CaseEvent;
import org.casetrail.schemas.event.Course;
import org.casetrail.schemas.event.EventType;
import org.casetrail.schemas.event.ExploitationType;
import org.casetrail.schemas.event.FollowUpStatus;
import org.casetrail.schemas.event.ReferralSource;
import org.casetrail.schemas.release.Protection;

/**
 * A generated log of a few women's events, interleaved as ingest runs would append them, and
 * which of them are erased: each erased woman's erasure comes after her last event, somewhere
 * among the others' later events.
 *
 * @param events every woman's events in log order
 * @param erasureAfter per erased woman's pseudonym, the index of the event her erasure follows
 * @param protection the releases' protection method
 */
record ErasedLog(List<CaseEvent> events, Map<String, Integer> erasureAfter, Protection protection) {

    /** What a woman's story is made of: whether she was identified (when, how), later steps, and her erasure. */
    private record Plan(boolean identified, int day, int profile, List<Step> steps, boolean erased) {}

    /** A later event: its kind (see {@link #story}), days after her first, and a variant within the kind. */
    private record Step(int kind, int days, int variant) {}

    private static final LocalDate FIRST_DAY = LocalDate.parse("2010-01-01");

    static Arbitrary<ErasedLog> arbitrary() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(1, 500),
                        Arbitraries.integers().between(0, 3))
                .as(Step::new);
        Arbitrary<Plan> plan = Combinators.combine(
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.integers().between(0, 900),
                        Arbitraries.integers().between(0, 5),
                        step.list().ofMaxSize(6),
                        Arbitraries.of(true, false))
                .as(Plan::new);
        return Combinators.combine(
                        plan.list().ofMinSize(2).ofMaxSize(8), Arbitraries.longs(), Arbitraries.of(Protection.values()))
                .as(ErasedLog::of)
                .filter(log -> log.erased().size() < log.women().size());
    }

    /** @param seed where the women's events interleave and their erasures fall: the same log every time */
    private static ErasedLog of(List<Plan> plans, long seed, Protection protection) {
        Random random = new Random(seed);
        List<List<CaseEvent>> stories = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            stories.add(story("woman-" + (i + 1), plans.get(i)));
        }
        // Interleaved at random, each woman's events in her own order.
        List<CaseEvent> events = new ArrayList<>();
        int[] next = new int[stories.size()];
        int left = stories.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int pick = random.nextInt(left);
            int woman = 0;
            while (pick >= stories.get(woman).size() - next[woman]) {
                pick -= stories.get(woman).size() - next[woman];
                woman++;
            }
            events.add(stories.get(woman).get(next[woman]++));
            left--;
        }
        Map<String, Integer> erasureAfter = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).erased()) {
                String pseudonym = "woman-" + (i + 1);
                int last = lastIndexOf(events, pseudonym);
                erasureAfter.put(pseudonym, last + random.nextInt(events.size() - last));
            }
        }
        return new ErasedLog(List.copyOf(events), erasureAfter, protection);
    }

    private static int lastIndexOf(List<CaseEvent> events, String pseudonym) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).getCasePseudonym().equals(pseudonym)) {
                return i;
            }
        }
        throw new IllegalStateException("every woman has an event");
    }

    /** Her events: identified (or first met in a shelter), then her steps, some of them exported twice or voided. */
    private static List<CaseEvent> story(String pseudonym, Plan plan) {
        Events e = new Events(pseudonym);
        LocalDate first = FIRST_DAY.plusDays(plan.day());
        List<CaseEvent> events = new ArrayList<>();
        if (plan.identified()) {
            events.add(e.identified(
                    pseudonym + "-id",
                    first.toString(),
                    "TOM_DY",
                    ReferralSource.values()[plan.profile() % 3],
                    plan.profile() < 3 ? ExploitationType.SEXUAL : ExploitationType.LABOUR,
                    plan.profile() % 2 == 0 ? AgeBand.AGE_18_24 : AgeBand.AGE_15_17,
                    plan.profile() % 2 == 1));
        } else {
            events.add(e.admitted(pseudonym + "-in", first.toString(), "TOM_DY"));
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            String id = pseudonym + "-" + i;
            String on = first.plusDays(step.days()).toString();
            int v = step.variant();
            events.add(
                    switch (step.kind()) {
                        case 0 -> e.consent(id, on, v != 0, v >= 2);
                        case 1 -> e.withdrawn(id, on, false, false);
                        case 2 -> e.admitted(id, on, v % 2 == 0 ? "TOM_DY" : "SIEM_REAP");
                        case 3 -> e.exited(id, on, "TOM_DY");
                        case 4 -> e.reintegrated(id, on);
                        case 5 -> e.followUp(id, on, FollowUpStatus.values()[v]);
                        case 6 ->
                            e.training(
                                    id,
                                    v % 2 == 0 ? EventType.TRAINING_ENROLLED : EventType.TRAINING_COMPLETED,
                                    on,
                                    v < 2 ? Course.SEWING : Course.WEAVING);
                        case 7 -> e.employed(id, on);
                        case 8 -> e.testimony(id, on, "The work was not what they promised, story " + v);
                        // Voids her previous event, or, as her first step, exports her first event again.
                        case 9 -> i > 0 ? e.voids(id, on, pseudonym + "-" + (i - 1)) : events.get(0);
                        default -> events.get(events.size() - 1);
                    });
        }
        return events;
    }

    Set<String> women() {
        return events.stream().map(CaseEvent::getCasePseudonym).collect(Collectors.toSet());
    }

    Set<String> erased() {
        return erasureAfter.keySet();
    }

    /** The log as it would be had the erased women never been ingested. */
    List<CaseEvent> withoutErased() {
        return events.stream()
                .filter(e -> !erased().contains(e.getCasePseudonym()))
                .toList();
    }

    long eventsOfErased() {
        return events.size() - withoutErased().size();
    }

    /**
     * The log sealed as ingest writes it, each woman's events with her own key, and each erased
     * woman's erasure record where it falls; her key's tombstone only when {@code tombstonesRead}
     * (a replay after the erasure), else her key is still readable until her erasure is read (a
     * stream that was running when she was erased).
     */
    SealedLog sealed(boolean tombstonesRead) {
        SealedLog log = new SealedLog();
        for (int i = 0; i < events.size(); i++) {
            log.append(events.get(i));
            for (Map.Entry<String, Integer> erasure : erasureAfter.entrySet()) {
                if (erasure.getValue() == i) {
                    log.appendErasure(erasure.getKey());
                }
            }
        }
        if (tombstonesRead) {
            erased().forEach(log::tombstone);
        }
        return log;
    }

    /** The women, their event types and who is erased: what a failing try is. */
    @Override
    public String toString() {
        Map<String, List<String>> byWoman = new LinkedHashMap<>();
        for (CaseEvent event : events) {
            byWoman.computeIfAbsent(event.getCasePseudonym(), p -> new ArrayList<>())
                    .add(event.getType() + " " + event.getOccurredOn());
        }
        return "ErasedLog[" + protection + ", erasure after event " + erasureAfter + ", " + byWoman + "]";
    }
}
