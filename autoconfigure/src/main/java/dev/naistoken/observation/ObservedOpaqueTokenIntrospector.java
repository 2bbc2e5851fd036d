package dev.naistoken.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.naistoken.introspection.CachingOpaqueTokenIntrospector;
import dev.naistoken.introspection.IntrospectionMisconfiguredException;

/**
 * Observes each introspection as {@value #NAME}: with Spring Boot's Actuator, a timer of that name
 * (and a span where tracing is set up), tagged with how it ended and whether the cache answered.
 * <p>
 * Both tags have a fixed set of values, and nothing in a name, tag or span comes from the token or
 * its claims:
 * <ul>
 * <li>{@code outcome}: {@code active}, {@code inactive} (401), {@code unavailable} (503: the endpoint
 * could not say, or any other failure), {@code misconfigured} (500);</li>
 * <li>{@code cache}: {@code hit} when a stored entry answered, {@code miss} otherwise (the endpoint was
 * asked, or a concurrent request for the same token was waited for; always so without the cache).</li>
 * </ul>
 * Failures other than an inactive token are also recorded as the observation's error, which Micrometer
 * adds as an {@code error} tag holding the exception's class name.
 */
public final class ObservedOpaqueTokenIntrospector implements OpaqueTokenIntrospector {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "nais.token.introspection";

	static final String OUTCOME = "outcome";

	static final String CACHE = "cache";

	private final OpaqueTokenIntrospector delegate;

	private final ObservationRegistry registry;

	/**
	 * Creates an observed introspector.
	 * @param delegate the introspector to observe; a {@link CachingOpaqueTokenIntrospector} reports its
	 * hits and misses
	 * @param registry where observations go
	 */
	public ObservedOpaqueTokenIntrospector(OpaqueTokenIntrospector delegate, ObservationRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		CachingOpaqueTokenIntrospector cache = (this.delegate instanceof CachingOpaqueTokenIntrospector caching)
				? caching : null;
		// Tags are set at the end only: Micrometer tags the in-flight ("<name>.active") meter with what is
		// known at the start, and an outcome guessed there would be wrong on every dashboard.
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("nais-token introspection")
			.start();
		boolean[] miss = { cache == null };
		String outcome = "unavailable";
		try (Observation.Scope scope = observation.openScope()) {
			OAuth2AuthenticatedPrincipal principal = (cache != null) ? cache.introspect(token, () -> miss[0] = true)
					: this.delegate.introspect(token);
			outcome = "active";
			return principal;
		}
		catch (BadOpaqueTokenException ex) {
			outcome = "inactive";
			throw ex;
		}
		catch (IntrospectionMisconfiguredException ex) {
			outcome = "misconfigured";
			observation.error(ex);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.lowCardinalityKeyValue(OUTCOME, outcome)
				.lowCardinalityKeyValue(CACHE, miss[0] ? "miss" : "hit")
				.stop();
		}
	}

	/**
	 * The introspector observed.
	 * @return the delegate
	 */
	public OpaqueTokenIntrospector getDelegate() {
		return this.delegate;
	}

}
