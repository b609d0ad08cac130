package dev.parley.standalone.services;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives each service context event loops of its own. By default Spring Boot shares Reactor
 * Netty's global resources, and the first context to close would dispose of them under the
 * services still running in the same JVM.
 */
final class IsolatedReactorResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ReactorResourceFactory factory) {
                    factory.setUseGlobalResources(false);
                }
                return bean;
            }
        });
    }
}
