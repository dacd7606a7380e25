package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import org.junit.jupiter.api.Test;

class CircularPropertiesTest {

    @Test
    void shouldKeepResultantLengthWhenAllPhasesRotate() {
        qt().withExamples(1000)
                .forAll(lists().of(doubles().between(-3.1, 3.1)).ofSizeBetween(1, 40), doubles().between(-3, 3))
                .checkAssert((angles, shift) -> {
                    double[] a = angles.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] b = angles.stream().mapToDouble(x -> x + shift).toArray();
                    CircularStats ca = CircularStats.of(a);
                    CircularStats cb = CircularStats.of(b);
                    assertThat(cb.resultantLength()).isCloseTo(ca.resultantLength(), within(1e-9));
                    assertThat(cb.rayleighZ()).isCloseTo(ca.rayleighZ(), within(1e-6));
                    assertThat(ca.resultantLength()).isBetween(0.0, 1.0);
                    assertThat(ca.rayleighP()).isBetween(0.0, 1.0);
                    if (ca.resultantLength() > 1e-6) {
                        double d = Math.IEEEremainder(cb.meanDirectionRad() - ca.meanDirectionRad() - shift, 2 * Math.PI);
                        assertThat(d).isCloseTo(0, within(1e-6));
                    }
                });
    }
}
