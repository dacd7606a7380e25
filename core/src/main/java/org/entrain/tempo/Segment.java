package org.entrain.tempo;

/**
 * One piece of a tempo map with a closed form for beat &lt;-&gt; time. Immutable.
 *
 * <p>Each segment works in local coordinates: {@code tau} seconds and {@code beta} beats since
 * its own start; the map adds the start. The formulas integrate bpm/60 over time exactly.
 */
abstract class Segment {

    /** Tempo at the segment's start, bpm. */
    final double startBpm;

    Segment(double startBpm) {
        this.startBpm = startBpm;
    }

    /** Beats elapsed after {@code tau} seconds into the segment. */
    abstract double beatsAfter(double tau);

    /** Seconds elapsed when {@code beta} beats into the segment. */
    abstract double secondsAfter(double beta);

    /** Tempo {@code tau} seconds into the segment, bpm. */
    abstract double bpmAfterSeconds(double tau);

    /** Tempo {@code beta} beats into the segment, bpm. */
    double bpmAfterBeats(double beta) {
        return bpmAfterSeconds(secondsAfter(beta));
    }

    /** The short name used by {@link TempoMap#describe()}. */
    abstract String kind();

    /** Constant tempo. */
    static final class Constant extends Segment {
        Constant(double bpm) {
            super(bpm);
        }

        @Override
        double beatsAfter(double tau) {
            return tau * startBpm / 60.0;
        }

        @Override
        double secondsAfter(double beta) {
            // beta * 60 is exact for whole beats below 2^47, so the one division rounds once.
            return beta * 60.0 / startBpm;
        }

        @Override
        double bpmAfterSeconds(double tau) {
            return startBpm;
        }

        @Override
        double bpmAfterBeats(double beta) {
            return startBpm;
        }

        @Override
        String kind() {
            return "constant";
        }
    }

    /** bpm(tau) = a + k tau: beats = (a tau + k tau^2 / 2) / 60. */
    static final class LinearInTime extends Segment {
        /** bpm per second. */
        private final double slope;

        LinearInTime(double startBpm, double slopeBpmPerSecond) {
            super(startBpm);
            this.slope = slopeBpmPerSecond;
        }

        @Override
        double beatsAfter(double tau) {
            return (startBpm * tau + 0.5 * slope * tau * tau) / 60.0;
        }

        @Override
        double secondsAfter(double beta) {
            // Root of k/2 tau^2 + a tau - 60 beta = 0 in the form without cancellation.
            double disc = startBpm * startBpm + 120.0 * slope * beta;
            return 120.0 * beta / (startBpm + Math.sqrt(Math.max(0.0, disc)));
        }

        @Override
        double bpmAfterSeconds(double tau) {
            return startBpm + slope * tau;
        }

        @Override
        String kind() {
            return "linear";
        }
    }

    /** bpm(beta) = a + c beta: tau = 60/c ln(1 + c beta / a). */
    static final class LinearInBeats extends Segment {
        /** bpm per beat. */
        private final double slope;

        LinearInBeats(double startBpm, double slopeBpmPerBeat) {
            super(startBpm);
            this.slope = slopeBpmPerBeat;
        }

        @Override
        double beatsAfter(double tau) {
            return startBpm / slope * Math.expm1(slope * tau / 60.0);
        }

        @Override
        double secondsAfter(double beta) {
            return 60.0 / slope * Math.log1p(slope * beta / startBpm);
        }

        @Override
        double bpmAfterSeconds(double tau) {
            return startBpm * Math.exp(slope * tau / 60.0);
        }

        @Override
        double bpmAfterBeats(double beta) {
            return startBpm + slope * beta;
        }

        @Override
        String kind() {
            return "linear-beats";
        }
    }

    /** bpm(tau) = a e^(lambda tau): beats = a / (60 lambda) (e^(lambda tau) - 1). */
    static final class Exponential extends Segment {
        /** Growth rate, 1/s. */
        private final double lambda;

        Exponential(double startBpm, double lambdaPerSecond) {
            super(startBpm);
            this.lambda = lambdaPerSecond;
        }

        @Override
        double beatsAfter(double tau) {
            return startBpm / (60.0 * lambda) * Math.expm1(lambda * tau);
        }

        @Override
        double secondsAfter(double beta) {
            return Math.log1p(60.0 * lambda * beta / startBpm) / lambda;
        }

        @Override
        double bpmAfterSeconds(double tau) {
            return startBpm * Math.exp(lambda * tau);
        }

        @Override
        double bpmAfterBeats(double beta) {
            return startBpm + 60.0 * lambda * beta;
        }

        @Override
        String kind() {
            return "exp";
        }
    }
}
