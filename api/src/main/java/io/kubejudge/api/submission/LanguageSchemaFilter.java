package io.kubejudge.api.submission;

import io.kubejudge.model.result.Language;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Lists the language ids in the OpenAPI document from the shared {@link Language} enum (an
 * annotation would need them written out, and would go stale when a language is added).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class LanguageSchemaFilter implements OASFilter {

    static final List<Object> IDS = Arrays.stream(Language.values()).<Object>map(Language::id).toList();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema schema : openAPI.getComponents().getSchemas().values()) {
            Schema language = schema.getProperties() == null ? null : schema.getProperties().get("language");
            if (language != null) {
                language.setEnumeration(IDS);
            }
        }
    }
}
