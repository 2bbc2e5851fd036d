package dev.naistoken.introspection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint's contract as the shared data file states it ({@code contract/texas-contract.json} at the
 * repository's root), so these tests and every other module's agree with one source.
 */
public final class ContractCases {

	private static final JsonNode CONTRACT = load();

	private ContractCases() {
	}

	/** What the starter must make of an answer. */
	public enum Expect {

		ACTIVE, INACTIVE, UNAVAILABLE, MISCONFIGURED

	}

	/**
	 * One answer of the endpoint.
	 * @param name what the case is
	 * @param status the HTTP status
	 * @param body the body, byte for byte
	 * @param expect what the starter must make of it
	 * @param fix for a misconfiguration, the property its message names; otherwise {@code null}
	 * @param provider the provider whose token the answer is about, as the endpoint names it
	 * ({@code entra_id} unless the case says otherwise)
	 */
	public record Response(String name, int status, byte[] body, Expect expect, String fix, String provider) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	public static List<Response> responses() {
		List<Response> responses = new ArrayList<>();
		for (JsonNode node : CONTRACT.get("responses")) {
			String body = node.has("rawBody") ? node.get("rawBody").asString() : node.get("body").toString();
			Expect expect = Expect.valueOf(node.get("expect").asString().toUpperCase());
			String fix = node.path("fix").asString(null);
			if ((expect == Expect.MISCONFIGURED) != (fix != null)) {
				throw new IllegalStateException("Contract case '" + node.get("name").asString()
						+ "': a 'fix' belongs to every misconfigured answer and to no other");
			}
			responses.add(new Response(node.get("name").asString(), node.get("status").asInt(),
					body.getBytes(StandardCharsets.UTF_8), expect, fix, node.path("provider").asString("entra_id")));
		}
		return responses;
	}

	public static Response response(String name) {
		return responses().stream()
			.filter((response) -> response.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No contract case named " + name));
	}

	/** The request body the endpoint expects, for one format, provider and token. */
	public static String requestBody(RequestFormat format, String provider, String token) {
		return request(format).get("body")
			.asString()
			.replace("${identity_provider}", provider)
			.replace("${token}", token);
	}

	public static String contentType(RequestFormat format) {
		return request(format).get("contentType").asString();
	}

	public static String inactiveReason(String key) {
		return CONTRACT.get("inactiveReasons").get(key).asString();
	}

	private static JsonNode request(RequestFormat format) {
		return CONTRACT.get("requests").get(format.name().toLowerCase());
	}

	private static JsonNode load() {
		try (InputStream in = ContractCases.class.getResourceAsStream("/contract/texas-contract.json")) {
			if (in == null) {
				throw new IllegalStateException("contract/texas-contract.json is not on the test classpath");
			}
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
