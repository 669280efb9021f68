package io.caitune.pipeline;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * The embedded transport: an outgoing channel and an incoming channel naming the same {@code queue} are joined in
 * memory. It lets the orchestrator use distinct outgoing/incoming channels (as broker connectors require) and switch
 * to RabbitMQ or Kafka by configuration alone. Messages pass through unchanged, so acknowledgements flow back to the
 * sender; the sender bounds what is in flight, so the queue never grows past its window.
 */
@ApplicationScoped
@Connector(LocalQueueConnector.NAME)
public class LocalQueueConnector implements InboundConnector, OutboundConnector {

    public static final String NAME = "cai-local";

    private final Map<String, UnicastProcessor<Message<?>>> queues = new ConcurrentHashMap<>();

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return queue(config);
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        UnicastProcessor<Message<?>> queue = queue(config);
        return new Flow.Subscriber<Message<?>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Message<?> message) {
                queue.onNext(message);
            }

            @Override
            public void onError(Throwable failure) {
                queue.onError(failure);
            }

            @Override
            public void onComplete() {
                queue.onComplete();
            }
        };
    }

    private UnicastProcessor<Message<?>> queue(Config config) {
        String name = config.getOptionalValue("queue", String.class)
                .orElseGet(() -> config.getValue("channel-name", String.class));
        return queues.computeIfAbsent(name, n -> UnicastProcessor.create());
    }
}
