package dev.naistoken;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a {@code @SpringBootTest} suite's application on the reactive stack: WebFlux on a real Netty
 * server instead of Spring MVC on Tomcat (which Spring Boot picks when both are on the class path, as in
 * these tests). A suite runs on both stacks by a subclass with this annotation: the same test methods,
 * the stack a parameter, nothing copied.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
public @interface ReactiveStack {

}
