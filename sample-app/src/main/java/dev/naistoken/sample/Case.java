package dev.naistoken.sample;

/**
 * A case, as the API shows it.
 *
 * @param id the case number
 * @param title what it is about
 * @param status {@code OPEN} or {@code CLOSED}
 * @param assignee the NAV ident of the caseworker
 * @param citizen the national identity number ({@code pid}) of the person the case is about
 */
public record Case(String id, String title, String status, String assignee, String citizen) {

	Case closed() {
		return new Case(this.id, this.title, "CLOSED", this.assignee, this.citizen);
	}

	boolean isOpen() {
		return "OPEN".equals(this.status);
	}

}
