package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class CircularPropertiesTest {

    @Property
    void shouldKeepResultantLengthWhenAllPhasesRotate(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -3.1, max = 3.1) Double> angles,
            @ForAll @DoubleRange(min = -3, max = 3) double shift) {
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
    }
}
