package io.caitune.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.List;
import java.util.Map;

/**
 * Declares both ways to authenticate in the OpenAPI document, HTTP Basic (the configured users) and an OIDC bearer
 * token, and that every {@code /api} operation takes either, answering 401 without and 403 with too small a role.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiSecurity implements OASFilter {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        Components components = openApi.getComponents();
        components.addSecurityScheme(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("A configured user: admin, operator or viewer (see the README)"));
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token of the configured OIDC identity provider; roles from its roles claim"));
        if (openApi.getPaths() == null) {
            return;
        }
        List<SecurityRequirement> either = List.of(OASFactory.createSecurityRequirement().addScheme(BASIC),
                OASFactory.createSecurityRequirement().addScheme(BEARER));
        for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                operation.setSecurity(either);
                if (operation.getResponses() != null) {
                    if (operation.getResponses().getAPIResponse("401") == null) {
                        operation.getResponses().addAPIResponse("401",
                                OASFactory.createAPIResponse().description("Not authenticated"));
                    }
                    if (operation.getResponses().getAPIResponse("403") == null) {
                        operation.getResponses().addAPIResponse("403", OASFactory.createAPIResponse()
                                .description("The role is too small, or a cross-site write"));
                    }
                }
            }
        }
    }
}
