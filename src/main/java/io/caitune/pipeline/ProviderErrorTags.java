package io.caitune.pipeline;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * Quarkus LangChain4j tags its {@code gen_ai.client.operation.duration} timer with {@code error.type} = the provider's
 * error text, which may echo the API key (a 401 body quoting the Authorization header) and makes one time series
 * per distinct message. On /q/metrics that is a secret in a response and an unbounded label: a tag value that is not
 * a plain identifier (an exception class, a status name) is replaced by {@value #PROVIDER_ERROR}.
 */
@Singleton
public class ProviderErrorTags {

    static final String PROVIDER_ERROR = "provider_error";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.$-]{1,120}");

    @Produces
    @Singleton
    MeterFilter boundedErrorTypes() {
        return MeterFilter.replaceTagValues("error.type", ProviderErrorTags::bounded);
    }

    static String bounded(String value) {
        return value != null && IDENTIFIER.matcher(value).matches() ? value : PROVIDER_ERROR;
    }
}
