package io.caitune.training.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Beam search over a model's next-token log-probabilities, following Hugging Face's {@code generate}: each step keeps
 * the best {@code numBeams} continuations out of the top {@code 2 * numBeams} candidates, a candidate ending in EOS
 * becomes a finished hypothesis, and the search stops at {@code maxLength} or when no live beam can beat the
 * finished ones ({@link EarlyStopping}); at the last step the top {@code numBeams} candidates are merged into the
 * finished ones, as transformers 4.50 and later do. With one beam it is greedy decoding.
 */
public final class BeamSearch {

    private final NextTokenScorer scorer;

    public BeamSearch(NextTokenScorer scorer) {
        this.scorer = scorer;
    }

    public List<Hypothesis> generate(long[] prompt, GenerationSettings settings) {
        int numBeams = settings.numBeams();
        // with one beam there is nothing to wait for: the first finished hypothesis is greedy decoding's answer
        EarlyStopping earlyStopping = numBeams == 1 ? EarlyStopping.TRUE : settings.earlyStopping();
        Finished finished = new Finished(numBeams, settings.lengthPenalty(), earlyStopping,
                settings.maxLength() - prompt.length);
        List<Beam> beams = List.of(new Beam(prompt, 0));
        int length = prompt.length;
        boolean done = false;
        while (length < settings.maxLength() && !done) {
            float[][] logProbs = scorer.logProbs(beams.stream().map(Beam::tokens).toArray(long[][]::new));
            List<Candidate> candidates = topCandidates(beams, logProbs, 2 * numBeams, settings.noRepeatNgramSize());
            List<Beam> next = new ArrayList<>(numBeams);
            int generated = length + 1 - prompt.length;
            boolean lastStep = length + 1 >= settings.maxLength();
            // transformers >= 4.50: once numBeams hypotheses are finished with earlyStopping=true, nothing is added
            boolean closed = earlyStopping == EarlyStopping.TRUE && finished.isFull();
            for (int rank = 0; rank < candidates.size(); rank++) {
                Candidate c = candidates.get(rank);
                long[] tokens = append(beams.get(c.beam()).tokens(), c.token());
                boolean eos = settings.eosTokenId() != null && c.token() == settings.eosTokenId();
                // the top numBeams candidates finish when they end in EOS, and all of them at the last step
                // (max length reached), competing with the hypotheses finished before
                if (rank < numBeams && (eos || lastStep) && !closed) {
                    finished.add(tokens, c.score(), generated);
                }
                if (!eos && next.size() < numBeams) {
                    next.add(new Beam(tokens, c.score()));
                }
            }
            length++;
            done = lastStep || next.isEmpty() || finished.isDone(next.get(0).score(), generated);
            beams = next;
        }
        if (finished.isEmpty()) { // nothing could be generated (the prompt fills maxLength)
            for (Beam beam : beams) {
                finished.add(beam.tokens(), beam.score(), length - prompt.length);
            }
        }
        return finished.best(settings.numReturnSequences(), prompt.length);
    }

    /** Greedy decoding, written out on its own so tests can hold beam search with one beam against it. */
    public Hypothesis greedy(long[] prompt, GenerationSettings settings) {
        long[] tokens = prompt;
        double sum = 0;
        while (tokens.length < settings.maxLength()) {
            float[] logProbs = scorer.logProbs(new long[][] {tokens})[0];
            Set<Long> banned = NgramBlocker.banned(tokens, settings.noRepeatNgramSize());
            int best = -1;
            for (int v = 0; v < logProbs.length; v++) {
                if (!banned.contains((long) v) && (best < 0 || logProbs[v] > logProbs[best])) {
                    best = v;
                }
            }
            if (best < 0) {
                break;
            }
            tokens = append(tokens, best);
            sum += logProbs[best];
            if (settings.eosTokenId() != null && best == settings.eosTokenId()) {
                break;
            }
        }
        int generated = tokens.length - prompt.length;
        return new Hypothesis(Arrays.copyOfRange(tokens, prompt.length, tokens.length),
                generated == 0 ? sum : sum / Math.pow(generated, settings.lengthPenalty()));
    }

    /** The k best (beam, token) continuations by summed log-probability, best first; blocked n-grams left out. */
    private static List<Candidate> topCandidates(List<Beam> beams, float[][] logProbs, int k, int noRepeatNgramSize) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(Comparator.comparingDouble(Candidate::score));
        for (int b = 0; b < beams.size(); b++) {
            Beam beam = beams.get(b);
            Set<Long> banned = NgramBlocker.banned(beam.tokens(), noRepeatNgramSize);
            float[] row = logProbs[b];
            for (int v = 0; v < row.length; v++) {
                double score = beam.score() + row[v];
                if (Double.isInfinite(score) || banned.contains((long) v)) {
                    continue;
                }
                if (heap.size() < k) {
                    heap.add(new Candidate(b, v, score));
                } else if (score > heap.peek().score()) {
                    heap.poll();
                    heap.add(new Candidate(b, v, score));
                }
            }
        }
        List<Candidate> sorted = new ArrayList<>(heap);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return sorted;
    }

    private static long[] append(long[] tokens, long token) {
        long[] longer = Arrays.copyOf(tokens, tokens.length + 1);
        longer[tokens.length] = token;
        return longer;
    }

    private record Beam(long[] tokens, double score) {
    }

    private record Candidate(int beam, int token, double score) {
    }

    /** The best {@code numBeams} finished hypotheses by length-normalised score. */
    private static final class Finished {

        private final int numBeams;
        private final double lengthPenalty;
        private final EarlyStopping earlyStopping;
        private final int maxGenerated;
        private final List<Hypothesis> hypotheses = new ArrayList<>();

        Finished(int numBeams, double lengthPenalty, EarlyStopping earlyStopping, int maxGenerated) {
            this.numBeams = numBeams;
            this.lengthPenalty = lengthPenalty;
            this.earlyStopping = earlyStopping;
            this.maxGenerated = maxGenerated;
        }

        void add(long[] tokens, double sumLogProbs, int generated) {
            double score = sumLogProbs / Math.pow(Math.max(generated, 1), lengthPenalty);
            if (hypotheses.size() < numBeams || score > worst()) {
                hypotheses.add(new Hypothesis(tokens, score));
                hypotheses.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
                if (hypotheses.size() > numBeams) {
                    hypotheses.remove(hypotheses.size() - 1);
                }
            }
        }

        boolean isFull() {
            return hypotheses.size() >= numBeams;
        }

        boolean isEmpty() {
            return hypotheses.isEmpty();
        }

        /**
         * Whether the best live beam can no longer beat the worst kept hypothesis: scored at the current length
         * ({@code false}), at the longest length it could reach ({@code "never"} with a positive length penalty),
         * or not at all ({@code true}: numBeams finished hypotheses are enough).
         */
        boolean isDone(double bestLiveSum, int generated) {
            if (!isFull()) {
                return false;
            }
            if (earlyStopping == EarlyStopping.TRUE) {
                return true;
            }
            int length = earlyStopping == EarlyStopping.NEVER && lengthPenalty > 0 ? maxGenerated : generated;
            return worst() >= bestLiveSum / Math.pow(Math.max(length, 1), lengthPenalty);
        }

        List<Hypothesis> best(int count, int promptLength) {
            return hypotheses.stream().limit(count)
                    .map(h -> new Hypothesis(Arrays.copyOfRange(h.tokens(), promptLength, h.tokens().length),
                            h.score()))
                    .toList();
        }

        private double worst() {
            return hypotheses.get(hypotheses.size() - 1).score();
        }
    }
}
