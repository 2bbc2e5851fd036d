package dev.naistoken.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the endpoint from the shared contract data ({@code contract/texas-contract.json}),
 * and what the starter must make of it.
 *
 * @param name what the answer is
 * @param status the HTTP status the endpoint answers
 * @param body the bytes it answers
 * @param expect {@code active}, {@code inactive}, {@code unavailable} or {@code misconfigured}
 * @param admin whether an active answer puts the token in the admins group
 */
record ContractResponse(String name, int status, byte[] body, String expect, boolean admin) {

	static List<ContractResponse> all() {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode root;
		try (InputStream in = ContractResponse.class.getResourceAsStream("/contract/texas-contract.json")) {
			root = mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<ContractResponse> responses = new ArrayList<>();
		for (JsonNode node : root.get("responses")) {
			byte[] body = node.has("rawBody") ? node.get("rawBody").asString().getBytes(StandardCharsets.UTF_8)
					: mapper.writeValueAsBytes(node.get("body"));
			boolean inAdmins = false;
			JsonNode groups = node.path("body").path("groups");
			if (groups.isArray()) {
				for (JsonNode group : groups) {
					inAdmins |= ReliabilityApplication.ADMINS_GROUP_ID.equals(group.asString(null));
				}
			}
			boolean granted = node.path("groupsGranted").asBoolean(true);
			responses.add(new ContractResponse(node.get("name").asString(), node.get("status").asInt(), body,
					node.get("expect").asString(), inAdmins && granted));
		}
		return responses;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
