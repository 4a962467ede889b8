package org.casetrail.schemas.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The properties docs/protection.md ("perturbation (the default)") promises of the perturbation
 * table, checked on the file itself and on every lookup.
 */
class PerturbationTableTest {

    private final PerturbationTable ptable = PerturbationTable.current();

    @Test
    void theCurrentTableIsVersionOneWithBoundTwo() {
        assertThat(ptable.version()).isEqualTo("ptable-v1");
        assertThat(ptable.bound()).isEqualTo(2);
        assertThat(ptable.entries())
                .allSatisfy(e -> assertThat(Math.abs(e.noise())).isLessThanOrEqualTo(2));
    }

    @Test
    void everyCellKeyOfEveryTrueValueDrawsOneNoiseWithinTheBoundAndNeverANegativeCount() {
        for (long value = 0; value <= 60; value++) {
            for (int key = 0; key < CellKey.RANGE; key++) {
                int noise = ptable.noise(value, key);
                assertThat(Math.abs(noise)).isLessThanOrEqualTo(2);
                assertThat(value + noise).as("value %d, key %d", value, key).isNotNegative();
            }
        }
    }

    @Test
    void zeroStaysZero() {
        for (int key = 0; key < CellKey.RANGE; key++) {
            assertThat(ptable.perturb(0, key)).isZero();
        }
    }

    @Test
    void theNoiseAveragesZeroForEveryTrueValueFromOneUp() {
        for (long value = 1; value <= 60; value++) {
            long sum = 0;
            for (int key = 0; key < CellKey.RANGE; key++) {
                sum += ptable.noise(value, key);
            }
            assertThat(sum)
                    .as("total noise over all cell keys at true value %d", value)
                    .isZero();
        }
    }

    @Test
    void fromTwoUpTheNoiseIsTheSameSymmetricDistributionWithVarianceAboutFourFifths() {
        long squares = 0;
        for (int key = 0; key < CellKey.RANGE; key++) {
            int noise = ptable.noise(2, key);
            squares += (long) noise * noise;
            assertThat(ptable.noise(3, key)).isEqualTo(noise);
            assertThat(ptable.noise(1_000_000, key))
                    .as("the last listed value applies to every larger one")
                    .isEqualTo(noise);
        }
        assertThat(squares).isEqualTo(3272);
        assertThat(squares / (double) CellKey.RANGE).isBetween(0.79, 0.81);
    }

    @Test
    void anUnknownVersionIsRefusedByName() {
        assertThatThrownBy(() -> PerturbationTable.load("ptable-v9"))
                .hasMessageContaining("no perturbation table ptable-v9");
    }

    @Test
    void cellKeysAreSumsOfRecordKeysShiftedPerColumnModuloTheRange() {
        int cases = CellKey.of("cases", 0);
        assertThat(CellKey.of("cases", 4096 * 3L + 5)).isEqualTo((cases + 5) % 4096);
        assertThat(CellKey.of("cases", -1)).isEqualTo(Math.floorMod(cases - 1, 4096));
        assertThat(CellKey.of("reintegrated", 17)).isNotEqualTo(CellKey.of("cases", 17));
    }

    @Test
    void recordKeysLieInOneToTheRange() {
        byte[] zero = new byte[32];
        assertThat(CellKey.recordKey(zero)).isEqualTo(1);
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(CellKey.recordKey(ones)).isBetween(1, 4095);
    }
}
