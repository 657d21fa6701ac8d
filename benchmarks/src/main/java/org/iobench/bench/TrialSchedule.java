package org.iobench.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order a run measures its trials in: {@code rounds} rounds, each visiting every trial (one
 * benchmark at one parameter combination) once, in a fresh shuffled order, one JMH fork each. A
 * slow phase of the machine then falls on every implementation alike instead of on whichever ran
 * at that time, and the variance between rounds becomes measurable (it is the level the reports'
 * intervals resample first). The seed is recorded with the run so the order can be reproduced.
 */
final class TrialSchedule {
    private TrialSchedule() {
    }

    /** One fork of one trial: {@code order} is its position within its round, both counted from 1. */
    record Slot(int round, int order, BenchPlan.Invocation trial) {
        /** Part-file name of this slot's JMH JSON, e.g. {@code r02-t017.json}. */
        String partName() {
            return String.format("r%02d-t%03d.json", round, order);
        }
    }

    /** Every trial of the plan as a single-combination invocation, in the plan's order. */
    static List<BenchPlan.Invocation> trials(BenchPlan plan) {
        List<BenchPlan.Invocation> trials = new ArrayList<>();
        for (BenchPlan.Invocation inv : plan.invocations()) {
            for (String impl : inv.impls()) {
                for (int connections : inv.connections()) {
                    for (int payload : inv.payloadBytes()) {
                        for (int load : inv.loads()) {
                            for (String work : inv.works()) {
                                for (int serverThreads : inv.serverThreads()) {
                                    for (int offloadThreads : inv.offloadThreads()) {
                                        trials.add(new BenchPlan.Invocation(inv.kind(), List.of(impl), List.of(connections),
                                                List.of(payload), List.of(load), List.of(work), List.of(serverThreads),
                                                List.of(offloadThreads), inv.threads()));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return trials;
    }

    /** {@code rounds} rounds over {@code trials}, each round shuffled afresh from one seeded generator. */
    static List<Slot> shuffled(List<BenchPlan.Invocation> trials, int rounds, long seed) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
        Random random = new Random(seed);
        List<Slot> slots = new ArrayList<>(trials.size() * rounds);
        for (int round = 1; round <= rounds; round++) {
            List<BenchPlan.Invocation> order = new ArrayList<>(trials);
            Collections.shuffle(order, random);
            for (int i = 0; i < order.size(); i++) slots.add(new Slot(round, i + 1, order.get(i)));
        }
        return slots;
    }
}
