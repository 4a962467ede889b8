package org.casetrail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) on 127.0.0.1 until stopped (Ctrl-C or SIGTERM).")
final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            required = true,
            description = "Folder of the broker's log (created and formatted on first use).")
    Path dataDir;

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        System.out.println(
                "broker listening on " + broker.bootstrapServers() + " (data in " + dataDir + "); stop with Ctrl-C");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
