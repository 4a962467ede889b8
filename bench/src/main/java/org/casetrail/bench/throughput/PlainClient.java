package org.casetrail.bench.throughput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The plain clients in a JVM of their own, started as the {@code casetrail} commands are, so
 * that the baselines pay what the commands pay: JVM start-up, loading Kafka's client and a cold
 * JIT. {@code produce <bootstrap> <topic> <partitions> <export>} or
 * {@code consume <bootstrap> <topic> <timeout seconds>} or {@code flink-<grouping> <bootstrap> <topic> <parallelism>}
 * ({@link PlainFlink}, {@link FlinkGrouping#client()}); prints one result line.
 */
public final class PlainClient {

    private static final Pattern RESULT =
            Pattern.compile("plain client: records (\\d+), end offsets (-?\\d+), cases (-?\\d+)");

    /**
     * What a plain client process said it did.
     *
     * @param cases the cases a Flink client counted (for a job that does not group, its records); -1 for the others
     */
    record Result(long records, long endOffsets, long cases) {

        static Result parse(String output) {
            Matcher m = RESULT.matcher(output);
            return m.find()
                    ? new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))
                    : null;
        }
    }

    private PlainClient() {}

    public static void main(String[] args) {
        Configurator.setRootLevel(Level.ERROR);
        try {
            Result result = switch (args.length > 0 ? args[0] : "") {
                case "produce" -> {
                    expect(args, 5);
                    PlainProduce.Produced p =
                            PlainProduce.send(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
                    yield new Result(p.records(), -1, -1);
                }
                case "consume" -> {
                    expect(args, 4);
                    PlainConsume.Consumed c =
                            PlainConsume.readToEnd(args[1], args[2], Duration.ofSeconds(Long.parseLong(args[3])));
                    yield new Result(c.records(), c.endOffsets(), -1);
                }
                default -> {
                    FlinkGrouping grouping = FlinkGrouping.ofClient(args.length > 0 ? args[0] : "");
                    if (grouping == null) {
                        throw new BenchException("usage: produce <bootstrap> <topic> <partitions> <export>"
                                + " | consume <bootstrap> <topic> <timeout seconds>"
                                + " | flink-<grouping> <bootstrap> <topic> <parallelism>");
                    }
                    expect(args, 4);
                    PlainFlink.Counted c = PlainFlink.count(args[1], args[2], Integer.parseInt(args[3]), grouping);
                    System.out.printf(Locale.ROOT, "plain flink: job %.3f s; tasks %s%n", c.jobSeconds(), c.tasks());
                    yield new Result(c.records(), -1, c.cases());
                }
            };
            System.out.printf(
                    Locale.ROOT,
                    "plain client: records %d, end offsets %d, cases %d%n",
                    result.records(),
                    result.endOffsets(),
                    result.cases());
            System.exit(0);
        } catch (BenchException | NumberFormatException e) {
            System.err.println("plain client: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("plain client: failed (" + e.getClass().getSimpleName() + ")");
            System.exit(1);
        }
    }

    private static void expect(String[] args, int count) {
        if (args.length != count) {
            throw new BenchException(args[0] + " takes " + (count - 1) + " arguments, not " + (args.length - 1));
        }
    }
}
