package org.casetrail.ingest.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class PseudonymizerProperties {

    private static final PseudonymKey KEY = PseudonymKey.of(
            new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7
            });

    /** One call: which id, from which source, with which value. */
    record Call(int kind, String source, String id) {}

    /**
     * The kept last case pseudonym is only a shortcut: in any order of calls, with cases that come
     * back, sources that change under one case id and other ids in between, every answer is the
     * one a new pseudonymizer gives for that input alone.
     */
    @Property(tries = 300)
    void everyAnswerIsTheOneAFreshPseudonymizerGives(@ForAll("calls") List<Call> calls) {
        Pseudonymizer reused = new Pseudonymizer(KEY);
        for (Call call : calls) {
            Pseudonymizer fresh = new Pseudonymizer(KEY);
            switch (call.kind()) {
                case 0 ->
                    assertThat(reused.casePseudonym(call.source(), call.id()))
                            .isEqualTo(fresh.casePseudonym(call.source(), call.id()));
                case 1 ->
                    assertThat(reused.eventId(call.source(), call.id()))
                            .isEqualTo(fresh.eventId(call.source(), call.id()));
                default ->
                    assertThat(reused.legalCaseRef(call.source(), call.id()))
                            .isEqualTo(fresh.legalCaseRef(call.source(), call.id()));
            }
        }
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        // Few sources and ids, so that repeats, returns and same-id-other-source calls are common.
        Arbitrary<Call> call = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(3, 1), Tuple.of(1, 2)),
                        Arbitraries.of("cms-a", "cms-b", "cms-ab"),
                        Arbitraries.of("C-1", "C-2", "C-12", "", "1"))
                .as(Call::new);
        return call.list().ofMinSize(1).ofMaxSize(40);
    }
}
