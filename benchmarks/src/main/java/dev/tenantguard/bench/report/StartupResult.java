package dev.tenantguard.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The start-up launches of one application in one arm, in milliseconds. */
record StartupResult(String app, String until, String arm, List<Double> samplesMs) {

    @SuppressWarnings("unchecked")
    static List<StartupResult> fromJson(Map<String, Object> json) {
        List<StartupResult> results = new ArrayList<>();
        for (Object run : (List<Object>) json.get("runs")) {
            Map<String, Object> r = (Map<String, Object>) run;
            List<Double> samples = new ArrayList<>();
            ((List<Object>) r.get("samplesMs")).forEach(s -> samples.add(Measurement.number(s)));
            results.add(new StartupResult((String) r.get("app"), (String) r.get("until"), (String) r.get("arm"), samples));
        }
        return results;
    }

    double median() {
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return Collections.min(samplesMs);
    }

    double max() {
        return Collections.max(samplesMs);
    }
}
