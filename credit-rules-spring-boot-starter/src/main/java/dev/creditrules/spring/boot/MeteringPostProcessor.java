package dev.creditrules.spring.boot;

import dev.creditrules.api.CreditRules;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Wraps each bean declared as a {@link CreditRules} (a {@code @Bean} method whose return type is
 * the interface: the auto-configured one, or the application's own) in a {@link
 * MeteredCreditRules}. A bean declared with a concrete type ({@code LivePacks}, {@code
 * CreditRulesEngine}) is left as it is, since something may inject it by that type; it is not
 * metered.
 */
final class MeteringPostProcessor implements BeanPostProcessor, BeanFactoryAware {
  private final ObjectProvider<CreditRulesMetrics> metrics;
  // null until Spring sets it, and for a factory that is not listable (then nothing is metered)
  private @Nullable ConfigurableListableBeanFactory beanFactory;

  MeteringPostProcessor(ObjectProvider<CreditRulesMetrics> metrics) {
    this.metrics = metrics;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableListableBeanFactory f) {
      this.beanFactory = f;
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if (!(bean instanceof CreditRules rules)
        || bean instanceof MeteredCreditRules
        || !declaredAsInterface(beanName)) {
      return bean;
    }
    CreditRulesMetrics m = metrics.getIfUnique();
    return m == null ? bean : new MeteredCreditRules(rules, m);
  }

  private boolean declaredAsInterface(String beanName) {
    if (beanFactory == null || !beanFactory.containsBeanDefinition(beanName)) {
      return false;
    }
    BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
    if (definition instanceof RootBeanDefinition root) {
      Method factory = root.getResolvedFactoryMethod();
      return factory != null && factory.getReturnType() == CreditRules.class;
    }
    return false;
  }
}
