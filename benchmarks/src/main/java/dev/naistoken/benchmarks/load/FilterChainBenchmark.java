package dev.naistoken.benchmarks.load;

import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;

import dev.naistoken.benchmarks.EntraClaims;
import dev.naistoken.benchmarks.JmhDefaults;

/**
 * What Spring Security's filters cost, filter by filter: one authenticated {@code GET} carrying a
 * JWT-sized token through the {@link FilterChainProxy} of a chain variant, in process (no HTTP, no
 * network noise), with a constant introspector. {@code none} is the mock request alone; {@code stock}
 * Spring Boot's default resource-server chain and {@code stock-X} that chain without X; {@code starter}
 * the starter's default chain and {@code starter-failure-filter} without its 503/500 filter.
 */
@State(Scope.Benchmark)
public class FilterChainBenchmark extends JmhDefaults {

	@Param({ "none", "stock", "stock-csrf", "stock-logout", "stock-request-cache", "stock-anonymous",
			"stock-session-management", "stock-headers", "stock-servlet-api", "starter", "starter-failure-filter" })
	public String chain;

	private static final String TOKEN = EntraClaims.token(1);

	private ConfigurableApplicationContext application;

	private Filter filters;

	private final FilterChain servlet = (request, response) -> ((HttpServletResponse) response).setStatus(200);

	@Setup(Level.Trial)
	public void start() throws Exception {
		if (this.chain.equals("none")) {
			this.filters = (request, response, next) -> next.doFilter(request, response);
			return;
		}
		String setup = this.chain.startsWith("stock") ? "s" : "f";
		String drop = this.chain.contains("-") ? this.chain.substring(this.chain.indexOf('-') + 1) : "";
		this.application = BenchApp.start(setup, drop.isEmpty() ? Map.of("server.port", "0")
				: Map.of("server.port", "0", "bench.drop", drop));
		FilterChainProxy proxy = this.application.getBean(FilterChainProxy.class);
		this.filters = proxy;
		System.out.println(this.chain + ": " + proxy.getFilterChains()
			.get(0)
			.getFilters()
			.stream()
			.map((filter) -> filter.getClass().getSimpleName())
			.toList());
		if (request() != 200) {
			throw new IllegalStateException(this.chain + " did not let an authenticated request through");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.application != null) {
			this.application.close();
		}
	}

	@Benchmark
	public int authenticatedRequest() throws Exception {
		return request();
	}

	private int request() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/hello");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filters.doFilter(request, response, this.servlet);
		return response.getStatus();
	}

}
