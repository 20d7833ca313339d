package dk.bostotte.fleet.netq;

import static org.jooq.impl.DSL.percentileCont;

import org.jooq.Field;

/** How verdicts and coverage summarise stored samples: percentiles in SQL, figures to two decimals. */
final class SampleFigures {

    private SampleFigures() {
    }

    /** The {@code p} percentile of {@code f}, interpolated; NULLs (figures not measured) are ignored. */
    static Field<Double> percentile(double p, Field<? extends Number> f, String name) {
        return percentileCont(p).withinGroupOrderBy(f.cast(Double.class)).cast(Double.class).as(name);
    }

    static Double round(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }
}
