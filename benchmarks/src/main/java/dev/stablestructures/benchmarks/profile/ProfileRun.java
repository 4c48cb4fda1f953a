package dev.stablestructures.benchmarks.profile;

import java.util.List;
import java.util.Map;

/**
 * One JMH invocation of a profile: which benchmarks, with which parameters and iterations, and the
 * set-up each fork is expected to take (filling the stores), for the profile's time estimate. All
 * contenders of a comparison are in the same run, so their numbers come from one JMH run.
 *
 * @param name the run's name, also its JSON file's ({@code NAME.json})
 * @param include the JMH include pattern
 * @param params JMH parameter overrides; parameters not named keep the annotation's values
 * @param warmups warm-up iterations per fork
 * @param warmupSeconds seconds per warm-up iteration
 * @param iterations measurement iterations per fork
 * @param seconds seconds per measurement iteration
 * @param setupSeconds expected seconds of set-up per fork beyond the JVM's start (a guess, from
 *     fill rates; see {@link Profile})
 */
public record ProfileRun(
    String name,
    String include,
    Map<String, List<String>> params,
    int warmups,
    double warmupSeconds,
    int iterations,
    double seconds,
    double setupSeconds) {}
