package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The description as served is a valid OpenAPI 3.1 document: swagger-parser reads it without a message. */
@Tag("integration")
class OpenApiValidTest {

    private static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }

    @Test
    void the_served_description_validates_with_no_message() {
        String json = Described.served().document().toString();

        SwaggerParseResult result = parse(json);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/tenants/{tenant}/records/{id}");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearerToken");
    }

    @Test
    void the_validator_reports_a_broken_description() {
        ObjectNode broken = (ObjectNode) Described.served().document();
        ((ObjectNode) broken.get("components").get("schemas")).remove("CaseFile");
        ((ObjectNode) broken.get("paths").get("/api/v1/tenants/{tenant}/records")).remove("get");
        ((ObjectNode) broken.get("paths").get("/api/v1/tenants/{tenant}/records").get("post")).remove("responses");

        assertThat(parse(broken.toString()).getMessages()).isNotEmpty();
    }
}
