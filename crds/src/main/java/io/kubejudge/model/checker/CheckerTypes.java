package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every checker type, by {@link Checker.Type}; a problem without a checker gets the tokens checker. */
public final class CheckerTypes {
    private static final List<CheckerType> ALL = List.of(
            new ExactType(), new TokensType(), new FloatType(), new SpecialType(), new KattisType());
    private static final Map<Checker.Type, CheckerType> BY_TYPE = index();

    private CheckerTypes() {
    }

    public static List<CheckerType> all() {
        return ALL;
    }

    public static CheckerType of(Checker.Type type) {
        return BY_TYPE.get(type == null ? Checker.Type.TOKENS : type);
    }

    /** The type of a problem's {@code checker}, which may be absent. */
    public static CheckerType of(Checker checker) {
        return of(checker == null ? null : checker.getType());
    }

    /** The ids of the types that have a need, for messages: "special and kattis". */
    public static String idsNeeding(CheckerType.Need need) {
        List<String> ids = ALL.stream().filter(t -> t.needs(need)).map(CheckerType::id).toList();
        if (ids.size() < 2) {
            return String.join("", ids);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }

    private static Map<Checker.Type, CheckerType> index() {
        Map<Checker.Type, CheckerType> byType = new EnumMap<>(Checker.Type.class);
        for (CheckerType t : ALL) {
            if (byType.put(t.type(), t) != null) {
                throw new IllegalStateException("two checker types for " + t.type());
            }
        }
        for (Checker.Type type : Checker.Type.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("checker type " + type + " has no CheckerType in CheckerTypes");
            }
        }
        return byType;
    }
}
