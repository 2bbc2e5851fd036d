package dev.naistoken.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's application context at a {@link FakeTexas} of its own: the fake is started
 * with the context, {@code nais.token.introspection.endpoint} is set to it, the issuer of each of its
 * providers is set as {@code nais.token.providers.<entra-id|tokenx|idporten|maskinporten>.issuer} (so each
 * token is routed to its provider, as on NAIS), it is a bean to inject
 * ({@code @Autowired FakeTexas texas}), it is {@linkplain FakeTexas#reset() reset} before every test
 * method, and it is closed with the context.
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = RANDOM_PORT)
 * &#64;AutoConfigureFakeTexas
 * class CasesTests {
 *     &#64;Autowired FakeTexas texas;
 *     ...
 * }
 * </pre>
 * Resetting the fake does not clear the starter's cache of active tokens: a token that was active stays
 * active to the application until it expires. Issue a new token in each test (every issued token is
 * distinct) rather than sharing one across tests that break the fake.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFakeTexas {

}
