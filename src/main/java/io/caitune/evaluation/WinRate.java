package io.caitune.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How often the revision beat the initial answer. Only pairs where both orders agreed are decisive:
 * {@code winRate = wins / (wins + losses)} with its Wilson 95% interval. Disagreements (the choice flipped with the
 * order: position bias) and identical pairs are ties; {@code disagreementRate = disagreed / (wins + losses +
 * disagreed)}. Unparseable and failed judgements are counted, not scored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WinRate(long judged, long wins, long losses, long ties, long disagreed, long identical,
        long unparseable, long failed, long pending, Double winRate, Double lower, Double upper,
        Double disagreementRate) {

    /** Counts of one group of judgements. */
    public record Counts(long wins, long losses, long disagreed, long identical, long unparseable, long failed,
            long pending) {

        public Counts plus(Counts o) {
            return new Counts(wins + o.wins, losses + o.losses, disagreed + o.disagreed, identical + o.identical,
                    unparseable + o.unparseable, failed + o.failed, pending + o.pending);
        }
    }

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

    public static WinRate of(Counts c) {
        long decisive = c.wins() + c.losses();
        Wilson.Interval interval = Wilson.interval(c.wins(), decisive, Wilson.Z95);
        long bothReadable = decisive + c.disagreed();
        return new WinRate(decisive + c.disagreed() + c.identical() + c.unparseable() + c.failed(), c.wins(),
                c.losses(), c.disagreed() + c.identical(), c.disagreed(), c.identical(), c.unparseable(), c.failed(),
                c.pending(), decisive == 0 ? null : (double) c.wins() / decisive,
                interval == null ? null : interval.lower(), interval == null ? null : interval.upper(),
                bothReadable == 0 ? null : (double) c.disagreed() / bothReadable);
    }
}
