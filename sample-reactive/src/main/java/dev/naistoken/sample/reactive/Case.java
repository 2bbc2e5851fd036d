package dev.naistoken.sample.reactive;

/**
 * A case, as the API shows it.
 *
 * @param id the case number
 * @param title what it is about
 * @param status {@code OPEN} or {@code CLOSED}
 * @param assignee the NAV ident of the caseworker
 */
public record Case(String id, String title, String status, String assignee) {

	static final String OPEN = "OPEN";

	boolean isOpen() {
		return OPEN.equals(this.status);
	}

}
