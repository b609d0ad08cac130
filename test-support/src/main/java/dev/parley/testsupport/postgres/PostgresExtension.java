package dev.parley.testsupport.postgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Creates the test class's database before its first test and injects it as a
 * {@link PostgresDatabase} parameter. The server itself is shared by the whole JVM.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedPostgres.databaseFor(context.getRequiredTestClass());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedPostgres.databaseFor(context.getRequiredTestClass());
    }
}
