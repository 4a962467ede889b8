package org.casetrail.bench.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.casetrail.ingest.publish.KafkaEventLogWriter;

/**
 * The ingest baseline: the export's lines, as they are, sent to a topic of as many partitions
 * with exactly ingest's producer settings. No parsing, no pseudonymization, no Avro: what the
 * log itself can take from one client on this machine.
 */
final class PlainProduce {

    /** Lines sent and the bytes they held. */
    record Produced(long records, long bytes, double seconds) {}

    private PlainProduce() {}

    static Produced send(String bootstrapServers, String topic, int partitions, Path export)
            throws IOException, InterruptedException {
        createTopic(bootstrapServers, topic, partitions);
        Properties settings = KafkaEventLogWriter.producerSettings(bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "casetrail-bench-plain-produce");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long records = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue; // ingest skips blank lines too
                }
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                // No key: the sticky partitioner spreads batches over the partitions, as keys do for ingest.
                producer.send(new ProducerRecord<>(topic, value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                records++;
                bytes += value.length;
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new BenchException("the plain producer could not write to " + topic + ": "
                    + failure.get().getClass().getSimpleName());
        }
        return new Produced(records, bytes, seconds);
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())
                            .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
