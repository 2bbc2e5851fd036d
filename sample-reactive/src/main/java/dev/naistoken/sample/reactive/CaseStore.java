package dev.naistoken.sample.reactive;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The cases, in memory, behind a reactive face as a real store (R2DBC, a reactive client) would have
 * one: nothing here blocks, so the handlers run on the event loop.
 */
@Component
class CaseStore {

	private final Map<String, Case> cases = new ConcurrentHashMap<>();

	CaseStore() {
		Stream.of(new Case("CASE-1", "Application for unemployment benefit", Case.OPEN, "Z990001"),
				new Case("CASE-2", "Follow-up of sick leave", Case.OPEN, "Z990002"),
				new Case("CASE-3", "Parental benefit", "CLOSED", "Z990001"))
			.forEach((c) -> this.cases.put(c.id(), c));
	}

	Flux<Case> findAll() {
		return Flux.defer(() -> Flux.fromStream(this.cases.values().stream().sorted(Comparator.comparing(Case::id))));
	}

	Mono<Case> findById(String id) {
		return Mono.fromSupplier(() -> this.cases.get(id));
	}

	Mono<Case> close(String id) {
		return Mono.fromSupplier(() -> this.cases.computeIfPresent(id,
				(key, open) -> new Case(open.id(), open.title(), "CLOSED", open.assignee())));
	}

}
