package dev.parley.testsupport;

import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.UUID;

/** Names derived from a test class, so that per-class resources are recognisable on a shared server. */
public final class TestClasses {

    private TestClasses() {
    }

    /**
     * The class that owns per-class resources: {@code @Nested} (non-static inner) classes share
     * those of the class that encloses them, as they share its lifecycle.
     */
    public static Class<?> owner(Class<?> testClass) {
        Class<?> owner = testClass;
        while (owner.getEnclosingClass() != null && !Modifier.isStatic(owner.getModifiers())) {
            owner = owner.getEnclosingClass();
        }
        return owner;
    }

    /**
     * A lowercase identifier, unique per call, that starts with the class's simple name and fits
     * PostgreSQL's 63-character identifier limit.
     */
    public static String uniqueName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (simple.length() > 40) {
            simple = simple.substring(0, 40);
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return "t_" + simple + "_" + suffix;
    }
}
