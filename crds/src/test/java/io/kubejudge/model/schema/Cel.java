package io.kubejudge.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates Kubernetes validation rules with the CEL reference implementation (dev.cel). */
final class Cel {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private Cel() {
    }

    static boolean evaluate(String expression, JsonNode self, JsonNode oldSelf) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            Map<String, Object> vars = new HashMap<>();
            vars.put("self", toCel(self));
            if (oldSelf != null) {
                vars.put("oldSelf", toCel(oldSelf));
            }
            Object result = RUNTIME.createProgram(ast).eval(vars);
            if (!(result instanceof Boolean b)) {
                throw new IllegalStateException("rule '" + expression + "' did not evaluate to a bool: " + result);
            }
            return b;
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("rule '" + expression + "' failed: " + e.getMessage(), e);
        }
    }

    /** JSON as CEL sees it: integers are int64, objects maps, arrays lists. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        return node.asText();
    }
}
