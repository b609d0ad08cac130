package dev.parley.client.load.scenario;

import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several scenarios in one run, each operation going to one of them in the given proportions
 * ({@code messages=70,directory=20,blob=10}): interleaved evenly (smooth weighted round robin),
 * not at random, so short runs hold the proportions too. Each keeps its own timers.
 */
public final class MixedScenario implements Scenario {

    private final List<Scenario> parts;
    private final int[] weights;
    private final int[] slots;

    public MixedScenario(List<Scenario> parts, List<Integer> weights) {
        if (parts.isEmpty() || parts.size() != weights.size()) {
            throw new IllegalArgumentException("the mix needs at least one scenario with a weight");
        }
        this.parts = List.copyOf(parts);
        this.weights = weights.stream().mapToInt(Integer::intValue).toArray();
        this.slots = schedule(this.weights);
    }

    /** Smooth weighted round robin over one period (the sum of the weights). */
    static int[] schedule(int[] weights) {
        int total = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights are not negative");
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the weights add up to 0");
        }
        int[] current = new int[weights.length];
        int[] out = new int[total];
        for (int i = 0; i < total; i++) {
            int best = 0;
            for (int j = 0; j < weights.length; j++) {
                current[j] += weights[j];
                if (current[j] > current[best]) {
                    best = j;
                }
            }
            current[best] -= total;
            out[i] = best;
        }
        return out;
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        for (Scenario part : parts) {
            part.setUp(metrics);
        }
    }

    @Override
    public void start(Op op) {
        parts.get(slots[(int) (op.sequence() % slots.length)]).start(op);
    }

    @Override
    public void afterLoad() throws Exception {
        for (Scenario part : parts) {
            part.afterLoad();
        }
    }

    @Override
    public String progress() {
        List<String> notes = new ArrayList<>();
        for (Scenario part : parts) {
            if (!part.progress().isEmpty()) {
                notes.add(part.progress());
            }
        }
        return String.join(", ", notes);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            mix.put(parts.get(i).name(), weights[i]);
            details.put(parts.get(i).name(), parts.get(i).details());
        }
        details.put("mix", mix);
        return details;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Scenario part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
