package dev.naistoken.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.naistoken.autoconfigure.NaisTokenAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The firewall's header check without a regular expression must allow exactly what Spring Security's
 * default allows.
 */
class HeaderValueFirewallRuleTests {

	/** Spring Security 7's default, as {@code StrictHttpFirewall} compiles it. */
	private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	private final HeaderValueFirewallRule predicate = new HeaderValueFirewallRule();

	@Test
	void allowsExactlyWhatSpringSecuritysDefaultAllows() {
		for (String value : values()) {
			assertThat(this.predicate.test(value))
				.as("value %s", value.codePoints().mapToObj(Integer::toHexString).toList())
				.isEqualTo(SPRING_DEFAULT.matcher(value).matches());
		}
	}

	@Test
	void theFirewallRefusesAControlCharacterInAHeader() {
		HttpFirewall firewall = HeaderValueFirewallRule.firewall();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
		request.addHeader("Authorization", "Bearer abc\u0007");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> firewall.getFirewalledRequest(request).getHeader("Authorization"));
		request.removeHeader("Authorization");
		request.addHeader("Authorization", "Bearer abc\tdef");
		assertThat(firewall.getFirewalledRequest(request).getHeader("Authorization")).isEqualTo("Bearer abc\tdef");
	}

	@Test
	void isTheFirewallUnlessTheApplicationHasOne() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NaisTokenAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
			.withPropertyValues("nais.token.introspection.endpoint=http://127.0.0.1:7164/api/v1/introspect");
		runner.run((context) -> assertThat(context).hasSingleBean(HttpFirewall.class)
			.hasBean("naisTokenHttpFirewall"));
		HttpFirewall own = new StrictHttpFirewall();
		runner.withBean(HttpFirewall.class, () -> own)
			.run((context) -> assertThat(context).getBean(HttpFirewall.class).isSameAs(own));
	}

	/** Edge cases, then random strings over ASCII, controls, tab, DEL, C1, unassigned and astral code points. */
	private static List<String> values() {
		List<String> values = new ArrayList<>(List.of("", "Bearer abc", "a\tb", "a\nb", "a\rb", "\u0000", "\u007f",
				"\u0085", "\u009f", "\u00a0", "é", "\u0378", "\ud83d\ude00", "\ud83d", "\ude00x", "\ufffe", "\uffff",
				"\udb40\udc01", "\udb7f\udfff"));
		int[] codePoints = { 'a', 'Z', '0', ' ', '~', '\t', '\n', 0x00, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0xe9, 0x378,
				0x2028, 0xd800, 0xdfff, 0xfffd, 0xffff, 0x1f600, 0xe0001, 0x10ffff, 0x30000 };
		Random random = new Random(7);
		for (int i = 0; i < 5_000; i++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(8);
			for (int c = 0; c < length; c++) {
				value.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
			}
			values.add(value.toString());
		}
		return values;
	}

}
