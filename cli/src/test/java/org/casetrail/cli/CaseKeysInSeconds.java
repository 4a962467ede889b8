package org.casetrail.cli;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.casetrail.schemas.EventLogTopics;

/**
 * The case-keys topic's compaction in seconds instead of minutes, for tests: {@code casetrail erase}
 * then waits 2 s, not 61 s, to roll the topic's segment, and a destroyed key leaves the broker's
 * files within seconds.
 */
public final class CaseKeysInSeconds {

    private CaseKeysInSeconds() {}

    public static void apply(String bootstrapServers, String eventsTopic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            ConfigResource topic =
                    new ConfigResource(ConfigResource.Type.TOPIC, EventLogTopics.caseKeysFor(eventsTopic));
            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            List.of(
                                    set(TopicConfig.SEGMENT_MS_CONFIG, "1000"),
                                    set(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, "1000"),
                                    set(TopicConfig.FILE_DELETE_DELAY_MS_CONFIG, "1000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
