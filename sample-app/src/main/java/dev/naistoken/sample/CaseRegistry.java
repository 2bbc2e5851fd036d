package dev.naistoken.sample;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The cases, in memory: a sample needs no database. */
@Component
class CaseRegistry {

	private final Map<String, Case> cases = new ConcurrentHashMap<>();

	CaseRegistry() {
		// Made-up national identity numbers (invalid check digits): the fake's default citizen and another.
		save(new Case("CASE-1", "Application for unemployment benefit", "OPEN", "Z990001", "12345678910"));
		save(new Case("CASE-2", "Follow-up of sick leave", "OPEN", "Z990002", "10987654321"));
		save(new Case("CASE-3", "Parental benefit", "CLOSED", "Z990001", "12345678910"));
	}

	List<Case> all() {
		return this.cases.values().stream().sorted(Comparator.comparing(Case::id)).toList();
	}

	Optional<Case> find(String id) {
		return Optional.ofNullable(this.cases.get(id));
	}

	Optional<Case> close(String id) {
		return Optional.ofNullable(this.cases.computeIfPresent(id, (key, existing) -> existing.closed()));
	}

	private void save(Case c) {
		this.cases.put(c.id(), c);
	}

}
