package org.casetrail.schemas.perturbation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A perturbation table (ptable): for a true count and its {@link CellKey}, the noise added before
 * publication. Read from a versioned file of the project ({@code ptable-v1.csv}), whose version
 * every release manifest names, so a published figure can always be traced to the table that
 * perturbed it. Loading checks that the ranges of every row cover each cell key exactly once.
 */
public final class PerturbationTable {

    /** The table every new release uses. */
    public static final String CURRENT = "ptable-v1";

    /** One noise value and the cell keys that draw it, for one true value. */
    public record Entry(long trueValue, int noise, int fromKey, int toKey) {

        /** Its probability, in 4096ths. */
        public int weight() {
            return toKey - fromKey + 1;
        }
    }

    private final String version;
    private final NavigableMap<Long, int[]> noiseByKey = new TreeMap<>();
    private final List<Entry> entries;

    private PerturbationTable(String version, List<Entry> entries) {
        this.version = version;
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            int[] byKey = noiseByKey.computeIfAbsent(e.trueValue(), v -> {
                int[] fresh = new int[CellKey.RANGE];
                java.util.Arrays.fill(fresh, Integer.MIN_VALUE);
                return fresh;
            });
            for (int key = e.fromKey(); key <= e.toKey(); key++) {
                if (byKey[key] != Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(
                            version + ": cell key " + key + " drawn twice for true value " + e.trueValue());
                }
                byKey[key] = e.noise();
            }
        }
        noiseByKey.forEach((value, byKey) -> {
            for (int key = 0; key < byKey.length; key++) {
                if (byKey[key] == Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(
                            version + ": cell key " + key + " has no noise for true value " + value);
                }
            }
        });
        if (!noiseByKey.containsKey(0L)) {
            throw new IllegalArgumentException(version + ": no row for the true value 0");
        }
    }

    public static PerturbationTable current() {
        return load(CURRENT);
    }

    public static PerturbationTable load(String version) {
        String resource = version + ".csv";
        try (InputStream in = PerturbationTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no perturbation table " + version + " in this version of casetrail");
            }
            List<Entry> entries = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                entries.add(new Entry(
                        Long.parseLong(f[0].trim()),
                        Integer.parseInt(f[1].trim()),
                        Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim())));
            }
            return new PerturbationTable(version, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The true values the table lists; the largest applies to every larger value. */
    public List<Long> listedValues() {
        return List.copyOf(noiseByKey.keySet());
    }

    /** The largest noise, in size, anywhere in the table. */
    public int bound() {
        return entries.stream().mapToInt(e -> Math.abs(e.noise())).max().orElse(0);
    }

    public int noise(long trueValue, int cellKey) {
        if (trueValue < 0 || cellKey < 0 || cellKey >= CellKey.RANGE) {
            throw new IllegalArgumentException(
                    "a count is never negative and a cell key lies in [0, " + CellKey.RANGE + ")");
        }
        return noiseByKey.floorEntry(trueValue).getValue()[cellKey];
    }

    /** What is published for a true count with this cell key. */
    public long perturb(long trueValue, int cellKey) {
        return trueValue + noise(trueValue, cellKey);
    }
}
