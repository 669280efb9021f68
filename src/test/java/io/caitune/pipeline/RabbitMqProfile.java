package io.caitune.pipeline;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The work channels on the RabbitMQ server of this machine (127.0.0.1:5672, guest/guest) through the
 * {@code %rabbitmq} settings of application.properties, on top of the test settings.
 */
public class RabbitMqProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,rabbitmq";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // a queue of this test's own, so stale items of another run of the suite never reach it
        return Map.of("%rabbitmq.mp.messaging.incoming.work-in.queue.name", "cai.sample-work.test",
                "%rabbitmq.mp.messaging.incoming.work-in.queue.auto-delete", "true");
    }
}
