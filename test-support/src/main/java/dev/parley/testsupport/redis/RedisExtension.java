package dev.parley.testsupport.redis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Reserves the test class's Redis key prefix before its first test and injects it as a
 * {@link RedisServerInfo} parameter. The server itself is shared by the whole JVM.
 */
public final class RedisExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedRedis.infoFor(context.getRequiredTestClass());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServerInfo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedRedis.infoFor(context.getRequiredTestClass());
    }
}
