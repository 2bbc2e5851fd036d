package dev.naistoken.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The header values {@link StrictHttpFirewall} allows by default — every code point assigned and not a
 * control character, tab excepted — checked by a loop instead of its regular expression. The firewall
 * checks a header each time it is read, and a bearer header is read at least twice a request (the
 * token resolver and Spring Security's DPoP matcher), and for a JWT-sized token the expression is a
 * noticeable share of an authenticated request (figures in the benchmarks' README).
 *
 * @since 0.1.0
 */
public final class HeaderValueFirewallRule implements Predicate<String> {

	/**
	 * Creates the rule; it holds no state.
	 */
	public HeaderValueFirewallRule() {
	}

	@Override
	public boolean test(String value) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				continue;
			}
			int codePoint = value.codePointAt(i);
			if (Character.charCount(codePoint) == 2) {
				i++;
			}
			if (Character.getType(codePoint) == Character.UNASSIGNED
					|| (Character.getType(codePoint) == Character.CONTROL && codePoint != '\t')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A {@link StrictHttpFirewall} with its defaults but this check of header values.
	 * @return the firewall
	 */
	public static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(new HeaderValueFirewallRule());
		return firewall;
	}

}
