package io.caitune.pipeline;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientBuilderListener;

/**
 * The provider's REST client is built by Quarkus LangChain4j with the default connection pool (50), which would cap
 * {@code cai.pipeline.concurrency}; every client built here gets a pool at least that large.
 */
public class ProviderConnectionPool implements RestClientBuilderListener {

    static final String POOL_SIZE = "io.quarkus.rest.client.connection-pool-size";

    @Override
    public void onNewBuilder(RestClientBuilder builder) {
        int concurrency = ConfigProvider.getConfig().getOptionalValue("cai.pipeline.concurrency", Integer.class)
                .orElse(16);
        builder.property(POOL_SIZE, Math.max(50, concurrency));
    }
}
