package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForecastPlanTest {
    @Test
    void monthlyDefaults() {
        ForecastPlan p = ForecastPlan.of(ForecastOptions.options(), 144, 12);
        assertEquals(12, p.season());
        assertEquals(12, p.horizon());
        assertEquals(36, p.lookback());
        assertEquals(29, p.testPoints());
        assertEquals(115, p.trainPoints());
        assertEquals(18, p.testOrigins(), "one origin per test point whose horizon fits: 29 - 12 + 1");
    }

    @Test
    void splitIsChronologicalWithoutOverlap() {
        for (int n : new int[] {150, 300, 1000, 100_000}) {
            ForecastPlan p = ForecastPlan.of(ForecastOptions.options(), n, 12);
            assertTrue(p.firstTrainOrigin() >= p.lookback() - 1);
            // the last training target lies before the first validation target
            assertTrue(p.lastTrainOrigin() + p.horizon() <= p.firstValidationOrigin(), "n=" + n);
            // the last validation target is the last training point; the test starts after it
            assertEquals(p.trainPoints() - 1, p.lastValidationOrigin() + p.horizon());
            assertEquals(p.trainPoints() - 1, p.firstTestOrigin());
            assertEquals(n - 1, p.lastTestOrigin() + p.horizon());
            assertTrue(p.validationWindows() >= 1 && p.validationWindows() <= ForecastPlan.MAX_VALIDATION);
        }
    }

    @Test
    void shortSeriesTakeShorterLookbacksThenFail() {
        ForecastPlan p = ForecastPlan.of(ForecastOptions.options(), 100, 12);
        assertTrue(p.lookback() < 36, "lookback " + p.lookback());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastPlan.of(ForecastOptions.options(), 40, 12));
        assertTrue(e.getMessage().startsWith("the series has 40 points, too short for lookback 12 + horizon 12 + test 12"),
                e.getMessage());
    }

    @Test
    void userSizesAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> ForecastPlan.of(ForecastOptions.options().horizon(10).testSize(5), 500, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ForecastPlan.of(ForecastOptions.options().lookback(6), 500, 12));
        ForecastPlan p = ForecastPlan.of(ForecastOptions.options().horizon(3).lookback(20).testSize(50).season(5), 500, 12);
        assertEquals(5, p.season());
        assertEquals(3, p.horizon());
        assertEquals(20, p.lookback());
        assertEquals(48, p.testOrigins());
    }

    @Test
    void defaultHorizons() {
        assertEquals(6, ForecastPlan.defaultHorizon(1));
        assertEquals(7, ForecastPlan.defaultHorizon(7));
        assertEquals(24, ForecastPlan.defaultHorizon(24));
        assertEquals(13, ForecastPlan.defaultHorizon(52));
    }
}
