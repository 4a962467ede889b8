package org.casetrail.warehouse.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.casetrail.schemas.release.CaseCounts;
import org.casetrail.schemas.release.ConsentBasis;
import org.casetrail.schemas.release.Protection;
import org.casetrail.schemas.release.ReportingPeriod;
import org.casetrail.schemas.release.UnfoldedRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout a manifest was ever written in is read, and the current one is written and read back unchanged. */
class ManifestCodecTest {

    @TempDir
    Path dir;

    static ReleaseManifest fixture(int layout) throws Exception {
        return ManifestCodec.read(Path.of(ManifestCodecTest.class
                .getResource("/manifests/layout-" + layout + ".json")
                .toURI()));
    }

    @Test
    void theFirstLayoutIsReadAsASuppressionReplayThatWasNeverPublic() throws Exception {
        ReleaseManifest m = fixture(1);
        assertThat(m.releaseId()).isEqualTo("20240101T000000Z");
        assertThat(m.kind()).isEqualTo("replay");
        assertThat(m.source().topic()).isEqualTo("case-events");
        assertThat(m.source().endOffsets()).containsEntry(0, 120L).containsEntry(1, 98L);
        assertThat(m.source().eventsRead()).isEqualTo(218);
        assertThat(m.asOf()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(m.period()).isNull();
        assertThat(m.disclosure().k()).isEqualTo(10);
        assertThat(m.disclosure().protection()).isEqualTo(Protection.SUPPRESSION);
        assertThat(m.disclosure().ptableVersion()).isNull();
        assertThat(m.disclosure().consentBasis()).isEqualTo(ConsentBasis.UNLESS_WITHDRAWN);
        assertThat(m.fingerprints().pseudonymizationKey()).isEqualTo("3f1a9c0d2e4b5a6f");
        assertThat(m.fingerprints().perturbationSecret()).isNull();
        assertThat(m.contents().cases()).isEqualTo(new CaseCounts(40, 38, 1, 1, 2));
        assertThat(m.contents().tables().get("cohort_outcomes").withheld()).isEqualTo(10);
        assertThat(m.contents().informationLoss()).isEmpty();
        assertThat(m.publication()).isNull();
        assertThat(m.isPublic()).isFalse();
        assertThat(m.audit().passed()).isTrue();
    }

    @Test
    void theSecondLayoutAddsItsKind() throws Exception {
        ReleaseManifest first = fixture(1);
        ReleaseManifest second = fixture(2);
        assertThat(second.kind()).isEqualTo("replay");
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void theThirdLayoutCarriesProtectionPeriodLossAndPublication() throws Exception {
        ReleaseManifest m = fixture(3);
        assertThat(m.period()).isEqualTo(ReportingPeriod.QUARTER);
        assertThat(m.disclosure().protection()).isEqualTo(Protection.PERTURBATION);
        assertThat(m.disclosure().ptableVersion()).isEqualTo("ptable-v1");
        assertThat(m.disclosure().consentBasis()).isEqualTo(ConsentBasis.EXPLICIT);
        assertThat(m.fingerprints().perturbationSecret()).isEqualTo("9e8d7c6b5a493827");
        assertThat(m.versions().schemas()).containsEntry("case_event", 3).containsEntry("tables", 2);
        assertThat(m.contents().informationLoss().get("cohort_outcomes").get("identification_year × centre"))
                .satisfies(l -> {
                    assertThat(l.womenShare()).isEqualTo(0.925);
                    assertThat(l.largestAbsoluteDifference()).isEqualTo(2);
                });
        assertThat(m.publication().status()).isEqualTo(ReleaseManifest.Publication.Status.INTERNAL);
        assertThat(m.publication().womenChanged()).isEqualTo(12L);
        assertThat(m.publication().comparedWith()).isEqualTo("20231001T000000Z");
        assertThat(m.audit().passed()).isFalse();
        assertThat(m.audit().failures()).hasSize(1);
    }

    @Test
    void theFourthLayoutIsTheThirdWithItsVersionFirstAndNothingErased() throws Exception {
        ReleaseManifest m = fixture(4);
        assertThat(m).isEqualTo(fixture(3));
        assertThat(m.source().unfolded()).isEqualTo(UnfoldedRecords.NONE);
        assertThat(m.contents().cases().erased()).isZero();
    }

    @Test
    void theCurrentLayoutAddsWhatWasNotFoldedAndTheErasedToTheFourthAndReadsBackEqual() throws Exception {
        ReleaseManifest fourth = fixture(4);
        ReleaseManifest m = new ReleaseManifest(
                fourth.releaseId(),
                fourth.createdAt(),
                fourth.kind(),
                new ReleaseManifest.Source(
                        fourth.source().topic(),
                        fourth.source().endOffsets(),
                        fourth.source().eventsRead(),
                        new UnfoldedRecords(2, 5, 31, 1)),
                fourth.asOf(),
                fourth.period(),
                fourth.disclosure(),
                fourth.fingerprints(),
                fourth.versions(),
                new ReleaseManifest.Contents(
                        withErased(fourth.contents().cases(), 2),
                        fourth.contents().tables(),
                        fourth.contents().informationLoss()),
                fourth.publication(),
                fourth.audit());
        Path file = dir.resolve("manifest.json");
        ManifestCodec.write(m, file);

        JsonNode written = new ObjectMapper().readTree(file.toFile());
        JsonNode fourthJson =
                new ObjectMapper().readTree(ManifestCodecTest.class.getResource("/manifests/layout-4.json"));
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        List<String> earlier = new ArrayList<>();
        fourthJson.fieldNames().forEachRemaining(earlier::add);
        earlier.add(earlier.indexOf("events_read") + 1, "records_not_folded");
        assertThat(written.get("manifest_version").asInt()).isEqualTo(ManifestCodec.VERSION);
        assertThat(names).isEqualTo(earlier);
        assertThat(written.path("cases").path("cases_erased").asLong()).isEqualTo(2);
        assertThat(written.path("records_not_folded").path("without_data_key").asLong())
                .isEqualTo(31);
        assertThat(ManifestCodec.read(file)).isEqualTo(m);
        // Same manifest, same bytes.
        Path again = dir.resolve("again.json");
        ManifestCodec.write(ManifestCodec.read(file), again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    private static CaseCounts withErased(CaseCounts c, long erased) {
        return new CaseCounts(
                c.cases(), c.included(), c.notYetIdentified(), c.withoutResearchConsent(), c.testimonies(), erased);
    }

    @Test
    void aManifestFromANewerCasetrailIsRefusedWithAMessage() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"manifest_version\": 99, \"release_id\": \"x\"}");
        assertThatThrownBy(() -> ManifestCodec.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manifest version 99 is newer");
    }
}
