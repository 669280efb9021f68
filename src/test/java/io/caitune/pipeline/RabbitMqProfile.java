package io.caitune.pipeline;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.UUID;

/**
 * The work channels on the RabbitMQ server of this machine (127.0.0.1:5672, guest/guest) through the
 * {@code %rabbitmq} settings of application.properties, on top of the test settings.
 */
public class RabbitMqProfile implements QuarkusTestProfile {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public String getConfigProfile() {
        return "test,rabbitmq";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // an exchange and queue of this JVM's own, so neither stale items of an earlier run of the suite nor a
        // suite running at the same time on the same broker (another checkout) ever reach it
        String name = "cai.sample-work.test." + SUFFIX;
        return Map.of("%rabbitmq.mp.messaging.outgoing.work-out.exchange.name", name,
                "%rabbitmq.mp.messaging.incoming.work-in.exchange.name", name,
                "%rabbitmq.mp.messaging.incoming.work-in.queue.name", name,
                "%rabbitmq.mp.messaging.outgoing.work-out.exchange.auto-delete", "true",
                "%rabbitmq.mp.messaging.incoming.work-in.exchange.auto-delete", "true",
                "%rabbitmq.mp.messaging.incoming.work-in.queue.auto-delete", "true");
    }
}
